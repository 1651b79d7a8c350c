// When one sender sends. Closed loop (period 0): `window` messages at once,
// the next whenever one is answered. Fixed rate: one every `period`, from
// `first` on, each stamped with the time it was *scheduled* for, so a send
// held back (a late timer, a full window) still counts its wait in the
// latency: a late sender doesn't hide queueing (coordinated omission). In
// both modes at most `window` messages are in flight; a scheduled send that
// finds the window full waits for a slot (counted `late`); one still
// waiting when sending stops is never sent (counted `skipped`).
// Runs on the connection's thread, like the client that owns it.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>

namespace parley::bench {

struct PaceSchedule {
    std::size_t window = 16;
    std::int64_t period_ns = 0;        // 0: closed loop
    std::int64_t first_offset_ns = 0;  // fixed rate: the first send, after begin()
    std::uint64_t limit = UINT64_MAX;  // messages in all
    const std::atomic<std::int64_t>* until_ns = nullptr;  // nothing is sent from then on
    const std::atomic<bool>* stopping = nullptr;          // the run is over: stop the timer
};

class SendPacer {
public:
    using Send = std::function<void(std::int64_t stamp_ns)>;

    SendPacer(boost::asio::any_io_executor executor, PaceSchedule schedule);

    void begin(std::int64_t now, Send send);
    // One message in flight was answered (or, over IRC, reached every member).
    void on_answered(std::int64_t now);

    std::uint64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
    // Once the threads are joined.
    std::uint64_t late() const { return late_; }
    std::uint64_t skipped() const { return due_ - released_; }

private:
    bool may_send(std::int64_t now) const;
    void send_one(std::int64_t stamp);
    void arm_timer();
    void on_timer();
    void release();

    PaceSchedule schedule_;
    boost::asio::steady_timer timer_;
    Send send_;
    std::int64_t first_ns_ = 0;
    std::uint64_t sent_ = 0;
    std::uint64_t due_ = 0;       // fixed rate: scheduled times reached so far
    std::uint64_t released_ = 0;  // fixed rate: of those, sent
    std::uint64_t late_ = 0;
    std::atomic<std::uint64_t> in_flight_{0};
};

}  // namespace parley::bench
