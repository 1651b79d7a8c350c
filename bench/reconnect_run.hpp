// reconnect, whatever the protocol: C signed-in clients over `--users`
// accounts; then all of them drop at once (the server restarts on the same
// data and ports, or the bench closes every socket) and sign in again at
// once. What differs per protocol (how a client signs in, how it is closed)
// comes in as a ReconnectClients.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness.hpp"
#include "scenarios.hpp"

namespace parley::bench {

// The connections of the current wave, one slot per client. A connection's
// end counts as unexpected only while its wave is the current one.
template <class Connection>
class WaveSlots {
public:
    explicit WaveSlots(std::size_t count) : slots_(count) {}

    // On the connection's thread, once it is signed in: kept, reading (and ignoring) input.
    void keep(std::size_t index, std::shared_ptr<Connection> connection) {
        int wave = wave_.load();
        connection->start([](std::string_view) {},
                          [this, wave](const std::string&) {
                              if (wave == wave_.load()) ++unexpected_;
                          });
        slots_[index] = std::move(connection);
    }
    void next_wave() { ++wave_; }
    // Closes and lets go of every kept connection, each on its own thread.
    void close_all() {
        for (auto& slot : slots_) {
            if (!slot) continue;
            auto executor = slot->executor();
            boost::asio::post(executor, [connection = std::move(slot)] { connection->close(); });
        }
    }
    std::size_t unexpected_ends() const { return unexpected_.load(); }

private:
    std::vector<std::shared_ptr<Connection>> slots_;
    std::atomic<int> wave_{0};
    std::atomic<std::size_t> unexpected_{0};
};

struct ReconnectClients {
    // One attempt to sign client `index` in as `account` from 127.0.0.`source_host`,
    // keeping its connection in the wave's slots; throws on refusal.
    std::function<boost::asio::awaitable<void>(std::size_t index, const Account& account,
                                               unsigned source_host)>
        sign_in;
    std::function<void()> next_wave;  // the connections open now may end from here on
    std::function<void()> close_all;  // see WaveSlots
    std::function<std::size_t()> unexpected_ends;
    std::string protocol;      // "ws" or "irc"
    std::string secret;        // "token" or "password": what a client signs in with
    std::string signed_in_as;  // what "back" means, for the report
    std::chrono::milliseconds attempt_timeout{15000};
};

template <class Connection>
void use_slots(ReconnectClients& clients, WaveSlots<Connection>& slots) {
    clients.next_wave = [&slots] { slots.next_wave(); };
    clients.close_all = [&slots] { slots.close_all(); };
    clients.unexpected_ends = [&slots] { return slots.unexpected_ends(); };
}

struct WaveResult {
    std::size_t back = 0;
    std::size_t failures = 0;
    std::string first_failure;
    bool finished = true;      // false: the wave's time limit passed with attempts going
    double seconds = 0;        // first attempt to the last attempt's end
    LatencyHistogram latency;  // successful attempts: TCP connect to signed in
};

// `clients` and the slots behind it must outlive the harness's stop(): declare
// them before the StopGuard (see harness.hpp).
int run_reconnect_with(Harness& harness, const BenchOptions& options, const Placement& placement,
                       ReconnectClients& clients);

}  // namespace parley::bench
