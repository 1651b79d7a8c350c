#include "loop_lag.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "fanout_client.hpp"

namespace parley::bench {

namespace asio = boost::asio;

namespace {

constexpr auto probe_interval = std::chrono::milliseconds(5);

asio::awaitable<void> probe(std::shared_ptr<LatencyHistogram> lag, std::int64_t from_ns,
                            std::int64_t until_ns, const std::atomic<bool>& stop) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (steady_now_ns() < until_ns && !stop.load()) {
        std::int64_t due = steady_now_ns() + std::chrono::nanoseconds(probe_interval).count();
        timer.expires_after(probe_interval);
        auto [error] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (error) co_return;
        std::int64_t now = steady_now_ns();
        if (now >= from_ns && now < until_ns) lag->record(now - due);
    }
}

}  // namespace

LoopLag::LoopLag(Workers& workers, std::int64_t from_ns, std::int64_t until_ns,
                 const std::atomic<bool>& stop) {
    for (std::size_t i = 0; i < workers.size(); ++i) {
        auto lag = std::make_shared<LatencyHistogram>();
        per_worker_.push_back(lag);
        asio::co_spawn(workers.context(i), probe(lag, from_ns, until_ns, stop), asio::detached);
    }
}

LatencyHistogram LoopLag::merged() const {
    LatencyHistogram all;
    for (const auto& lag : per_worker_) all.merge(*lag);
    return all;
}

}  // namespace parley::bench
