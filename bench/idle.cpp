// idle: C signed-in connections that send nothing. Measures what each costs
// the server in resident memory, and how fast they connect and sign in.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto settle_time = std::chrono::seconds(1);

struct IdleCounters {
    std::atomic<std::uint64_t> frames{0};
    std::atomic<std::uint64_t> unexpected_ends{0};
    std::mutex mutex;
    std::string first_end;
};

struct IdleMeasurement {
    double register_s = 0;
    OpenStats open;
    double connect_cpu_s = 0;  // the server's, while connecting
    double bench_cpu_s = 0;    // the bench's, while connecting
    MemoryUse before;
    MemoryUse after;
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void on_open(std::shared_ptr<WsConnection> connection, IdleCounters& counters,
             const std::atomic<bool>& stopping) {
    connection->start(
        [&counters](std::string_view) { counters.frames.fetch_add(1, std::memory_order_relaxed); },
        [&counters, &stopping](const std::string& why) {
            if (stopping.load()) return;
            if (counters.unexpected_ends.fetch_add(1) == 0) {
                std::lock_guard lock(counters.mutex);
                counters.first_end = why;
            }
        });
}

void add_rows(Report& report, const BenchOptions& options, const Placement& placement,
              const IdleMeasurement& measured, std::size_t users) {
    double connections = static_cast<double>(options.clients);
    double delta_kb = static_cast<double>(measured.after.rss_kb - measured.before.rss_kb);
    report.row("placement", placement.description);
    report.row("accounts",
               std::to_string(users) + " users registered in " + fixed(measured.register_s, 1) +
                   " s; connection i signs in as user " + "i mod " + std::to_string(users));
    report.row("connect + auth",
               std::to_string(options.clients) + " in " + fixed(measured.open.seconds, 2) +
                   " s: " + fixed(connections / measured.open.seconds, 0) + " connections/s (" +
                   std::to_string(options.connect_concurrency) + " at a time, from " +
                   std::to_string(options.source_addresses) + " source addresses; " +
                   std::to_string(measured.open.retries) + " refused and retried)");
    report.row("each connection", latency_summary(measured.open.latency) + " to \"ready\"");
    report.row("CPU connecting", "server " + fixed(measured.connect_cpu_s, 2) + " s, bench " +
                                     fixed(measured.bench_cpu_s, 2) + " s");
    report.row("server RSS", fixed(megabytes(measured.before.rss_kb), 1) + " MB before, " +
                                 fixed(megabytes(measured.after.rss_kb), 1) + " MB after (+" +
                                 fixed(delta_kb / 1024.0, 1) + " MB, settled " +
                                 std::to_string(settle_time.count()) + " s)");
    report.row("per connection", fixed(delta_kb / connections, 1) + " KB");
    report.figure("scenario", "idle");
    report.figure("protocol", "ws");
    report.figure("target", "parley");
    report.figure("connections", std::to_string(options.clients));
    report.figure("users", std::to_string(users));
    report.figure("shards", std::to_string(options.shards));
    report.figure("connect_per_s", fixed(connections / measured.open.seconds, 0));
    report.figure("connect_p50_ms", milliseconds(measured.open.latency.percentile(0.5), 3));
    report.figure("connect_p99_ms", milliseconds(measured.open.latency.percentile(0.99), 3));
    report.figure("rss_before_mb", fixed(megabytes(measured.before.rss_kb), 1));
    report.figure("rss_after_mb", fixed(megabytes(measured.after.rss_kb), 1));
    report.figure("kb_per_conn", fixed(delta_kb / connections, 1));
    report.figure("register_s", fixed(measured.register_s, 1));
}

// Registration, then memory before, connecting, settling, memory after.
void measure(Harness& harness, const BenchOptions& options, IdleCounters& counters,
             std::vector<std::shared_ptr<WsConnection>>& connections, IdleMeasurement& measured,
             std::size_t users) {
    progress("registering " + std::to_string(users) + " users, " +
             std::to_string(options.register_concurrency) + " at a time");
    auto phase = Clock::now();
    auto accounts = harness.register_accounts(users);
    measured.register_s = seconds_since(phase);
    std::this_thread::sleep_for(settle_time);
    pid_t pid = harness.server().pid();
    measured.before = process_memory(pid).value_or(MemoryUse{});
    double cpu_before = process_cpu_seconds(pid).value_or(0);
    double bench_before = own_cpu_seconds();
    progress("opening " + std::to_string(options.clients) + " connections");
    measured.open = harness.open_connections(
        accounts, options.clients,
        [&](std::size_t index, std::shared_ptr<WsConnection> connection, std::int64_t) {
            on_open(connection, counters, harness.stopping());
            connections[index] = std::move(connection);
        });
    measured.connect_cpu_s = process_cpu_seconds(pid).value_or(0) - cpu_before;
    measured.bench_cpu_s = own_cpu_seconds() - bench_before;
    std::this_thread::sleep_for(settle_time);
    measured.after = process_memory(pid).value_or(MemoryUse{});
}

int verdict(Report& report, bool alive, const IdleCounters& counters, bool server_clean) {
    std::string failure;
    if (!alive) failure = "the server exited while connections were open";
    if (counters.unexpected_ends > 0) {
        failure = std::to_string(counters.unexpected_ends.load()) +
                  " connections ended while idle; first: " + counters.first_end;
    }
    if (failure.empty() && !server_clean) failure = "the server did not stop cleanly";
    if (!failure.empty()) report.note("FAILED: " + failure);
    report.figure("status", failure.empty() ? "ok" : "failed");
    return failure.empty() ? exit_ok : exit_failed;
}

}  // namespace

void check_descriptors(std::size_t connections) {
    constexpr std::size_t spare_descriptors = 64;  // log pipe, registration, the store...
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (connections + spare_descriptors > limit.rlim_cur) {
        throw std::runtime_error("--clients " + std::to_string(connections) +
                                 " does not fit under the descriptor limit " +
                                 std::to_string(limit.rlim_cur) + " (bench and server each need " +
                                 "one per connection, plus " + std::to_string(spare_descriptors) +
                                 ")");
    }
}

int run_idle(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    Harness harness(harness_options(options, placement));
    IdleCounters counters;
    std::vector<std::shared_ptr<WsConnection>> connections(options.clients);
    StopGuard stop_guard(harness);  // the order of these four: see harness.hpp
    IdleMeasurement measured;
    std::size_t users = options.users;
    measure(harness, options, counters, connections, measured, users);
    bool alive = harness.server().running();
    ServerExit exit = harness.stop();
    Report report("ws_bench idle: " + std::to_string(options.clients) + " connections, " +
                  std::to_string(options.shards) + " shard(s)");
    add_rows(report, options, placement, measured, users);
    report.row("frames received", std::to_string(counters.frames.load()) + " (presence events)");
    bool server_clean = report_server_end(report, harness.server().complaints(), exit);
    int code = verdict(report, alive, counters, server_clean);
    report.print();
    return code;
}

}  // namespace parley::bench
