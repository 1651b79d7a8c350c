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

FanoutClient::FanoutClient(std::shared_ptr<WsConnection> connection, std::int64_t user_id,
                           int sender_index, const FanoutPlan& plan)
    : connection_(std::move(connection)),
      user_id_(user_id),
      sender_index_(sender_index),
      plan_(plan),
      peers_(plan.senders) {}

// `this` outlives the handlers: scenarios stop the threads before clients go.
void FanoutClient::start() {
    connection_->start([this](std::string_view text) { on_frame(text); },
                       [this](const std::string& why) { on_end(why); });
}

void FanoutClient::begin_sending() {
    std::int64_t now = steady_now_ns();
    for (std::size_t i = 0; i < plan_.window; ++i) send_next(now);
}

void FanoutClient::send_next(std::int64_t now) {
    auto seq = static_cast<std::int64_t>(sent_ns_.size());
    sent_ns_.push_back(now);
    answers_.push_back(Answer::pending);
    connection_->send(wire::send_frame(plan_.room, seq, now, plan_.text_bytes));
    in_flight_.fetch_add(1, std::memory_order_relaxed);
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
    if (frame.user_id == user_id_) {
        ++own_.echoes;
        return;
    }
    bool known =
        frame.user_id >= 0 && static_cast<std::size_t>(frame.user_id) < plan_.sender_of_user.size();
    int sender = known ? plan_.sender_of_user[static_cast<std::size_t>(frame.user_id)] : -1;
    if (sender < 0 || frame.seq < 0) {
        ++own_.foreign;
        return;
    }
    received_.fetch_add(1, std::memory_order_relaxed);
    PeerTrack& track = peers_[static_cast<std::size_t>(sender)];
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
    bool ours = sender_index_ >= 0 && frame.id >= 0 &&
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
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    if (answers_[seq] == Answer::ok) {
        acked_.fetch_add(1, std::memory_order_relaxed);
        ++own_.acked;
        if (in_window(now)) {
            ++own_.acked_in_window;
            own_.ack_latency.record(now - sent_ns_[seq]);
        }
    }
    if (now < plan_.measure_until.load(std::memory_order_relaxed)) send_next(now);
}

void FanoutClient::on_end(const std::string& why) {
    if (plan_.stopping != nullptr && plan_.stopping->load()) return;
    ++own_.unexpected_ends;
    note("connection of user " + std::to_string(user_id_) + " ended: " + why);
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

void FanoutClient::add_to(FanoutTally& tally,
                          const std::vector<const FanoutClient*>& senders) const {
    tally.add(own_);
    tally.unanswered +=
        static_cast<std::uint64_t>(std::count(answers_.begin(), answers_.end(), Answer::pending));
    for (std::size_t index = 0; index < senders.size(); ++index) {
        if (senders[index]->user_id_ == user_id_) continue;
        tally.lost += lost_from(*senders[index], peers_[index]);
    }
}

}  // namespace parley::bench
