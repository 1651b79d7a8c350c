#include "fanout_client.hpp"

#include <algorithm>
#include <chrono>

namespace parley::bench {

namespace {

constexpr std::size_t kept_samples = 10;

}  // namespace

void FanoutTally::add(const FanoutTally& client) {
    delivery_latency.merge(client.delivery_latency);
    ack_latency.merge(client.ack_latency);
    sent += client.sent;
    acked += client.acked;
    acked_in_window += client.acked_in_window;
    delivered += client.delivered;
    delivered_in_window += client.delivered_in_window;
    duplicates += client.duplicates;
    reordered += client.reordered;
    echoes += client.echoes;
    foreign += client.foreign;
    command_errors += client.command_errors;
    late += client.late;
    skipped += client.skipped;
    unexpected_ends += client.unexpected_ends;
    for (const auto& sample : client.samples) {
        if (samples.size() < kept_samples) samples.push_back(sample);
    }
}

std::int64_t steady_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

FanoutClient::FanoutClient(std::shared_ptr<WsConnection> connection, std::size_t index,
                           const FanoutPlan& plan)
    : connection_(std::move(connection)),
      index_(index),
      room_(plan.room_name(index)),
      plan_(plan),
      peers_(plan.senders_per_room),
      pacer_(connection_->executor(), plan.schedule_of(index)) {}

// `this` outlives the handlers: scenarios stop the threads before clients go.
void FanoutClient::start() {
    connection_->start([this](std::string_view text) { on_frame(text); },
                       [this](const std::string& why) { on_end(why); });
}

void FanoutClient::begin_sending() {
    pacer_.begin(steady_now_ns(), [this](std::int64_t stamp) { send_one(stamp); });
}

void FanoutClient::send_one(std::int64_t stamp) {
    auto seq = static_cast<std::int64_t>(sent_ns_.size());
    sent_ns_.push_back(stamp);
    answers_.push_back(Answer::pending);
    connection_->send(wire::send_frame(room_, seq, stamp, static_cast<std::int64_t>(index_),
                                       plan_.text_bytes));
    ++own_.sent;
}

bool FanoutClient::in_window(std::int64_t now) const {
    return now >= plan_.measure_from.load(std::memory_order_relaxed) &&
           now < plan_.measure_until.load(std::memory_order_relaxed);
}

void FanoutClient::note(std::string text) {
    if (own_.samples.size() < kept_samples) own_.samples.push_back(std::move(text));
}

void FanoutClient::on_frame(std::string_view text) {
    std::int64_t now = steady_now_ns();
    wire::Frame frame = wire::parse_frame(text);
    switch (frame.type) {
        case wire::FrameType::message:
            on_message(frame, now);
            break;
        case wire::FrameType::ok:
        case wire::FrameType::error:
            on_answer(frame, now);
            break;
        default:
            if (!frame.error.empty()) note(frame.error);  // not JSON at all
            break;
    }
}

void FanoutClient::on_message(const wire::Frame& frame, std::int64_t now) {
    auto sender = static_cast<std::size_t>(frame.sender);
    if (frame.sender < 0 || sender >= plan_.clients || !plan_.is_sender(sender) ||
        plan_.room_of(sender) != plan_.room_of(index_) || frame.seq < 0) {
        ++own_.foreign;
        return;
    }
    if (sender == index_) {
        ++own_.echoes;  // the sending connection gets only the ok
        return;
    }
    received_.fetch_add(1, std::memory_order_relaxed);
    PeerTrack& track = peers_[plan_.slot_of(sender)];
    auto seq = static_cast<std::size_t>(frame.seq);
    if (seq >= track.seen.size()) track.seen.resize(seq + 1);
    if (track.seen[seq]) {
        ++own_.duplicates;
        return;
    }
    track.seen[seq] = true;
    ++own_.delivered;
    if (frame.seq < track.highest) {
        ++own_.reordered;
    } else {
        track.highest = frame.seq;
    }
    if (in_window(now)) {
        ++own_.delivered_in_window;
        own_.delivery_latency.record(now - frame.sent_ns);
    }
}

void FanoutClient::on_answer(const wire::Frame& frame, std::int64_t now) {
    bool ours = plan_.is_sender(index_) && frame.id >= 0 &&
                static_cast<std::size_t>(frame.id) < answers_.size() &&
                answers_[static_cast<std::size_t>(frame.id)] == Answer::pending;
    if (!ours || frame.type == wire::FrameType::error) {
        ++own_.command_errors;
        note(ours
                 ? "send " + std::to_string(frame.id) + " refused: " + frame.error
                 : "answer to no pending send, id " + std::to_string(frame.id) + " " + frame.error);
        if (!ours) return;
    }
    auto seq = static_cast<std::size_t>(frame.id);
    answers_[seq] = frame.type == wire::FrameType::ok ? Answer::ok : Answer::error;
    if (answers_[seq] == Answer::ok) {
        acked_.fetch_add(1, std::memory_order_relaxed);
        ++own_.acked;
        if (in_window(now)) {
            ++own_.acked_in_window;
            own_.ack_latency.record(now - sent_ns_[seq]);
        }
    }
    pacer_.on_answered(now);
}

void FanoutClient::on_end(const std::string& why) {
    if (plan_.stopping != nullptr && plan_.stopping->load()) return;
    ++own_.unexpected_ends;
    note("connection " + std::to_string(index_) + " ended: " + why);
    plan_.unexpected_ends.fetch_add(1);
}

std::uint64_t FanoutClient::lost_from(const FanoutClient& sender, const PeerTrack& track) const {
    std::uint64_t lost = 0;
    for (std::size_t seq = 0; seq < sender.answers_.size(); ++seq) {
        bool seen = seq < track.seen.size() && track.seen[seq];
        if (sender.answers_[seq] == Answer::ok && !seen) ++lost;
    }
    return lost;
}

void FanoutClient::add_to(FanoutTally& tally, const std::vector<const FanoutClient*>& all) const {
    tally.add(own_);
    tally.unanswered +=
        static_cast<std::uint64_t>(std::count(answers_.begin(), answers_.end(), Answer::pending));
    tally.late += pacer_.late();
    tally.skipped += pacer_.skipped();
    std::size_t room = plan_.room_of(index_);
    for (std::size_t slot = 0; slot < peers_.size(); ++slot) {
        std::size_t sender = plan_.client_at(room, slot);
        if (sender >= all.size() || sender == index_) continue;
        tally.lost += lost_from(*all[sender], peers_[slot]);
    }
}

}  // namespace parley::bench
