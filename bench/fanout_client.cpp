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

void FanoutTally::record_ack(const FanoutPlan& plan, std::int64_t stamp_ns, std::int64_t now_ns) {
    ++acked;
    if (plan.in_window(now_ns)) ++acked_in_window;
    if (plan.latency_counts(stamp_ns, now_ns)) ack_latency.record(now_ns - stamp_ns);
}

bool ReceivedLog::record(const FanoutPlan& plan, std::size_t slot, std::int64_t seq,
                         std::int64_t stamp_ns, std::int64_t now_ns, FanoutTally& own) {
    PeerTrack& track = peers_[slot];
    auto index = static_cast<std::size_t>(seq);
    if (index >= track.seen.size()) track.seen.resize(index + 1);
    if (track.seen[index]) {
        ++own.duplicates;
        return false;
    }
    track.seen[index] = true;
    ++own.delivered;
    if (seq < track.highest) {
        ++own.reordered;
    } else {
        track.highest = seq;
    }
    if (plan.in_window(now_ns)) ++own.delivered_in_window;
    if (plan.latency_counts(stamp_ns, now_ns)) own.delivery_latency.record(now_ns - stamp_ns);
    return true;
}

bool ReceivedLog::seen(std::size_t slot, std::size_t seq) const {
    const auto& seen = peers_[slot].seen;
    return seq < seen.size() && seen[seq];
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
      received_log_(plan.senders_per_room),
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
    connection_->send(
        wire::send_frame(room_, seq, stamp, static_cast<std::int64_t>(index_), plan_.text_bytes));
    ++own_.sent;
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
    received_log_.record(plan_, plan_.slot_of(sender), frame.seq, frame.sent_ns, now, own_);
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
        own_.record_ack(plan_, sent_ns_[seq], now);
    }
    pacer_.on_answered(now);
}

void FanoutClient::on_end(const std::string& why) {
    if (plan_.stopping != nullptr && plan_.stopping->load()) return;
    ++own_.unexpected_ends;
    note("connection " + std::to_string(index_) + " ended: " + why);
    plan_.unexpected_ends.fetch_add(1);
}

void FanoutClient::add_to(FanoutTally& tally, const std::vector<const FanoutClient*>& all) const {
    tally.add(own_);
    tally.unanswered +=
        static_cast<std::uint64_t>(std::count(answers_.begin(), answers_.end(), Answer::pending));
    add_losses(tally, plan_, index_, received_log_, pacer_, all);
}

}  // namespace parley::bench
