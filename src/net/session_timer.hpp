// One timer for whichever of a session's deadlines comes first; internal to net.
#pragma once

#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <utility>

namespace parley::net::detail {

// A session keeps its deadlines (registration, authentication, idle, close)
// as plain times and waits for the earliest with this one timer: one timer
// object per connection instead of one per deadline, and no wait at all once
// none is due.
class SessionTimer {
public:
    using Clock = boost::asio::steady_timer::clock_type;
    static constexpr Clock::time_point never = Clock::time_point::max();

    explicit SessionTimer(const boost::asio::any_io_executor& executor) : timer_(executor) {}

    // Calls `fire` at `deadline`, or waits for nothing when it is `never`. A
    // wait for another time ends unheard. `fire` should hold its session alive.
    template <class Fire>
    void wait_until(Clock::time_point deadline, Fire fire) {
        if (deadline == never) return cancel();
        if (waiting_ && timer_.expiry() == deadline) return;
        timer_.expires_at(deadline);
        waiting_ = true;
        timer_.async_wait([this, fire = std::move(fire)](boost::system::error_code error) mutable {
            if (error == boost::asio::error::operation_aborted) return;  // moved or cancelled
            waiting_ = false;
            fire();
        });
    }

    void cancel() {
        if (waiting_) timer_.cancel();
        waiting_ = false;
    }

private:
    boost::asio::steady_timer timer_;
    bool waiting_ = false;
};

}  // namespace parley::net::detail
