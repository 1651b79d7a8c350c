#include "send_pacer.hpp"

#include <chrono>

#include "fanout_client.hpp"

namespace parley::bench {

SendPacer::SendPacer(boost::asio::any_io_executor executor, PaceSchedule schedule)
    : schedule_(schedule), timer_(std::move(executor)) {}

void SendPacer::begin(std::int64_t now, Send send) {
    send_ = std::move(send);
    if (schedule_.period_ns == 0) {
        for (std::size_t i = 0; i < schedule_.window && may_send(now); ++i) send_one(now);
        return;
    }
    first_ns_ = now + schedule_.first_offset_ns;
    arm_timer();
}

bool SendPacer::may_send(std::int64_t now) const {
    return sent_ < schedule_.limit && now < schedule_.until_ns->load(std::memory_order_relaxed);
}

void SendPacer::send_one(std::int64_t stamp) {
    ++sent_;
    in_flight_.fetch_add(1, std::memory_order_relaxed);
    send_(stamp);
}

void SendPacer::on_answered(std::int64_t now) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    if (schedule_.period_ns == 0) {
        if (may_send(now)) send_one(now);
        return;
    }
    // Sends held back by the window wait no longer than sending lasts: past
    // it, what is left is skipped, and the drain has an end.
    if (now >= schedule_.until_ns->load(std::memory_order_relaxed)) return;
    std::uint64_t before = released_;
    release();
    late_ += released_ - before;  // these waited for the window
}

// The timer wakes at the next scheduled time; several due at once (a late
// wake-up) all go out, each with its own stamp.
void SendPacer::arm_timer() {
    std::int64_t next = first_ns_ + static_cast<std::int64_t>(due_) * schedule_.period_ns;
    if (next >= schedule_.until_ns->load(std::memory_order_relaxed) || due_ >= schedule_.limit) {
        return;
    }
    std::int64_t wait = next - steady_now_ns();
    timer_.expires_after(std::chrono::nanoseconds(wait > 0 ? wait : 0));
    timer_.async_wait([this](boost::system::error_code error) {
        if (!error) on_timer();
    });
}

void SendPacer::on_timer() {
    if (schedule_.stopping != nullptr && schedule_.stopping->load()) return;
    std::int64_t now = steady_now_ns();
    std::int64_t until = schedule_.until_ns->load(std::memory_order_relaxed);
    while (due_ < schedule_.limit) {
        std::int64_t next = first_ns_ + static_cast<std::int64_t>(due_) * schedule_.period_ns;
        if (next > now || next >= until) break;
        ++due_;
    }
    release();
    arm_timer();
}

// Sends the due ones the window has room for. A timer that wakes after the
// end still sends what was scheduled before it (the drain waits for those).
void SendPacer::release() {
    bool stopping = schedule_.stopping != nullptr && schedule_.stopping->load();
    while (!stopping && released_ < due_ && in_flight() < schedule_.window) {
        send_one(first_ns_ + static_cast<std::int64_t>(released_++) * schedule_.period_ns);
    }
}

}  // namespace parley::bench
