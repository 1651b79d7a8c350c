// What every scenario needs: a fresh data directory, the server on it, the
// bench's worker threads, accounts and signed-in WebSocket connections, and
// an orderly end. Any failure is an exception that says what happened.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "histogram.hpp"
#include "server_process.hpp"
#include "workers.hpp"
#include "ws_connection.hpp"

namespace parley::bench {

class TaskGroup;

struct HarnessOptions {
    std::string parleyd;
    int shards = 1;
    std::optional<int> server_cpu;
    std::size_t threads = 1;
    std::size_t register_concurrency = 8;
    std::size_t connect_concurrency = 64;
    unsigned source_addresses = 8;  // connection i connects from 127.0.0.(1 + i mod N)
    std::string server_log;
    bool irc = false;  // also parleyd's IRC gateway (ServerCommand::irc)
};

struct OpenStats {
    double seconds = 0;
    LatencyHistogram latency;  // TCP connect to the "ready" frame (IRC: 001 or 366), per connection
    std::size_t retries = 0;   // connects refused or reset and tried again (since the start)
};

// The password of every account the bench registers.
inline constexpr std::string_view bench_password = "bench-password";

struct Account {
    std::string username;
    std::string token;
    std::int64_t user_id = 0;
};

struct SignedInWs {
    std::shared_ptr<WsConnection> connection;
    std::int64_t user_id = 0;
};
// Connects from 127.0.0.`source_host`, sends the account's token and waits
// for "ready" (at most 15 s); a refusal throws.
boost::asio::awaitable<SignedInWs> sign_in_ws(std::uint16_t port, const Account& account,
                                              unsigned source_host = 1);

class Harness {
public:
    // Runs on the connection's own thread, once it is signed in.
    using OnOpen = std::function<void(std::size_t index, std::shared_ptr<WsConnection> connection,
                                      std::int64_t user_id)>;
    // The room connection i joins once signed in; empty: none.
    using RoomOf = std::function<std::string(std::size_t index)>;

    explicit Harness(const HarnessOptions& options);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    ServerProcess& server() { return *server_; }
    Workers& workers() { return *workers_; }
    // True once stop() began: connections ending now end as expected.
    const std::atomic<bool>& stopping() const { return stopping_; }

    std::vector<Account> register_accounts(std::size_t count);
    // Connection i signs in as accounts[i % accounts.size()], then joins
    // room_of(i) when given, before on_open.
    OpenStats open_connections(const std::vector<Account>& accounts, std::size_t count,
                               OnOpen on_open, RoomOf room_of = {});
    // SIGTERM to the server, then waits for it and for the bench's threads.
    // Only the first call acts; later ones return the same result.
    ServerExit stop();

private:
    void wait_phase(const char* what, std::size_t count, const std::shared_ptr<TaskGroup>& group,
                    std::chrono::milliseconds timeout);

    HarnessOptions options_;
    std::filesystem::path directory_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<Workers> workers_;
    std::atomic<bool> stopping_{false};
    std::optional<ServerExit> exit_;
    // Connects refused and tried again, registrations and connections alike.
    std::shared_ptr<std::atomic<std::size_t>> retries_ =
        std::make_shared<std::atomic<std::size_t>>(0);
};

// Teardown order for a scenario: declare the Harness, then the objects that
// connection handlers use (clients, counters), then a StopGuard. On any way
// out the guard stops the server and joins the bench's threads, so no handler
// runs while those objects are destroyed; the Harness goes last, since
// sockets must close while their io_context still exists.
// Also for IrcHarness.
template <class AnyHarness>
class StopGuard {
public:
    explicit StopGuard(AnyHarness& harness) : harness_(harness) {}
    ~StopGuard() { harness_.stop(); }
    StopGuard(const StopGuard&) = delete;
    StopGuard& operator=(const StopGuard&) = delete;

private:
    AnyHarness& harness_;
};

}  // namespace parley::bench
