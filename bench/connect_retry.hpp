// Retrying a connection the server turned away. ngIRCd listens with a
// backlog of 10, so a burst of connects overflows it and some are reset; and
// a connect to parleyd right after a run of 10,000 connections was twice
// refused outright (not explained: see README.md). Real clients retry too.
// Both are retried a bounded number of times; any other error throws at once.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>

namespace parley::bench {

constexpr std::size_t max_connect_attempts = 50;
constexpr auto connect_retry_pause = std::chrono::milliseconds(20);

inline bool worth_retrying(const boost::system::error_code& error) {
    return error == boost::asio::error::connection_reset ||
           error == boost::asio::error::connection_refused;
}

// co_awaits attempt() until it succeeds; counts each retry in `retries`.
template <class Attempt>
auto with_connect_retries(Attempt attempt, std::atomic<std::size_t>& retries)
    -> decltype(attempt()) {
    for (std::size_t tries = 1;; ++tries) {
        try {
            co_return co_await attempt();
        } catch (const boost::system::system_error& error) {
            if (!worth_retrying(error.code()) || tries == max_connect_attempts) throw;
        }
        ++retries;
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor,
                                        connect_retry_pause);
        co_await pause.async_wait(boost::asio::use_awaitable);
    }
}

}  // namespace parley::bench
