#include "reconnect_run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <mutex>
#include <thread>

#include "proc_stats.hpp"
#include "task_group.hpp"

namespace parley::bench {

namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto settle_time = 1s;
constexpr auto restart_stop_timeout = 15s;  // the contract promises 10 s
constexpr auto restart_start_timeout = 15s;

struct WaveState {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> back{0};
    std::atomic<std::size_t> failures{0};
    std::mutex mutex;
    std::string first_failure;
    Clock::time_point last_end;
    std::vector<LatencyHistogram> latencies;  // one per loop, merged at the end
};

double seconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

// Clients [first, end) sign in, `concurrency` at a time over the workers; a
// failed attempt is counted, not retried. Waits at most `limit`.
using Accounts = std::shared_ptr<const std::vector<Account>>;

WaveResult run_wave(Harness& harness, const ReconnectClients& clients, const Accounts& accounts,
                    std::size_t first, std::size_t end, const BenchOptions& options) {
    auto state = std::make_shared<WaveState>();
    state->next = first;
    std::size_t loops = std::min(end - first, options.connect_concurrency);
    state->latencies.resize(loops);
    auto began = Clock::now();
    state->last_end = began;
    auto group = TaskGroup::expect(loops);
    unsigned sources = std::max(1u, options.source_addresses);
    for (std::size_t loop = 0; loop < loops; ++loop) {
        auto body = [&clients, accounts, state, end, loop, sources]() -> asio::awaitable<void> {
            for (std::size_t i = state->next++; i < end; i = state->next++) {
                auto start = Clock::now();
                std::string failure;
                try {
                    co_await clients.sign_in(i, (*accounts)[i % accounts->size()],
                                             1 + static_cast<unsigned>(i % sources));
                    state->latencies[loop].record(
                        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start)
                            .count());
                    ++state->back;
                } catch (const std::exception& error) {
                    failure = error.what();
                    ++state->failures;
                }
                std::lock_guard lock(state->mutex);
                state->last_end = std::max(state->last_end, Clock::now());
                if (!failure.empty() && state->first_failure.empty())
                    state->first_failure = failure;
            }
        };
        asio::co_spawn(harness.workers().context(loop % harness.workers().size()), body,
                       TaskGroup::completion(group));
    }
    auto limit = 30s + clients.attempt_timeout + std::chrono::milliseconds(20 * (end - first));
    WaveResult result;
    result.finished = group->wait(std::chrono::duration_cast<std::chrono::milliseconds>(limit));
    std::lock_guard lock(state->mutex);
    result.back = state->back;
    result.failures = state->failures;
    result.first_failure = state->first_failure;
    result.seconds = seconds_between(began, state->last_end);
    if (result.finished) {
        for (const auto& latency : state->latencies) result.latency.merge(latency);
    }
    return result;
}

struct Measured {
    double register_s = 0;
    WaveResult first;
    std::string drop;   // what happened at the drop, for the report
    double down_s = 0;  // drop to the server listening again (0 for close)
    WaveResult second;
    double server_cpu_s = 0;  // the server's, during the second wave
    std::size_t ended_after = 0;
};

void add_wave_row(Report& report, const std::string& label, const WaveResult& wave,
                  std::size_t count) {
    std::string text = std::to_string(wave.back) + " of " + std::to_string(count) + " in " +
                       fixed(wave.seconds, 2) + " s";
    if (wave.failures > 0) {
        text += "; " + std::to_string(wave.failures) + " failed, first: " + wave.first_failure;
    }
    if (!wave.finished) text += "; NOT FINISHED within the time limit";
    report.row(label, text);
    if (wave.finished) report.row("  each", latency_summary(wave.latency));
}

void add_rows(Report& report, const BenchOptions& options, const Placement& placement,
              const ReconnectClients& clients, const Measured& measured, std::size_t users) {
    report.row("placement", placement.description);
    report.row("accounts",
               std::to_string(users) + " registered in " + fixed(measured.register_s, 1) +
                   " s; client i signs in as user i mod " + std::to_string(users) +
                   ", from 127.0.0.(1 + i mod " + std::to_string(options.source_addresses) + ")");
    report.row("signed in means", clients.signed_in_as);
    add_wave_row(report, "first sign-in", measured.first, options.clients);
    double total = measured.down_s + measured.second.seconds;
    if (!measured.drop.empty()) {
        report.row("drop", measured.drop);
        add_wave_row(report, "reconnect", measured.second, options.clients);
        report.row("all back", fixed(total, 2) + " s after the drop (" +
                                   fixed(measured.down_s, 2) + " s down, " +
                                   fixed(measured.second.seconds, 2) + " s reconnecting, " +
                                   std::to_string(options.connect_concurrency) + " at a time)");
        report.row("server CPU reconnecting", fixed(measured.server_cpu_s, 2) + " s");
    }
    report.figure("scenario", "reconnect");
    report.figure("protocol", clients.protocol);
    report.figure("secret", clients.secret);
    report.figure("clients", std::to_string(options.clients));
    report.figure("users", std::to_string(users));
    report.figure("drop", options.drop == Drop::restart ? "restart" : "close");
    report.figure("back", std::to_string(measured.second.back));
    report.figure("failures", std::to_string(measured.second.failures));
    report.figure("reconnect_s", fixed(measured.second.seconds, 2));
    report.figure("all_back_s", fixed(total, 2));
    report.figure("connect_p50_ms", milliseconds(measured.second.latency.percentile(0.5), 1));
    report.figure("connect_p99_ms", milliseconds(measured.second.latency.percentile(0.99), 1));
    report.figure("first_signin_s", fixed(measured.first.seconds, 2));
    report.figure("server_cpu_s", fixed(measured.server_cpu_s, 2));
}

std::string restart_server(Harness& harness, Measured& measured) {
    auto dropped = Clock::now();
    ServerExit first = harness.server().restart(restart_stop_timeout, restart_start_timeout);
    measured.down_s = seconds_between(dropped, Clock::now());
    return "SIGTERM -> " + first.description + " after " + fixed(first.seconds, 2) +
           " s; started again on the same data and ports, listening " +
           fixed(measured.down_s - first.seconds, 2) + " s later";
}

// Every client signs in, each account's first client before the others (so
// that an account's password is verified once, not by all its clients at once).
void sign_in_all(Harness& harness, const BenchOptions& options, ReconnectClients& clients,
                 const Accounts& accounts, Measured& measured) {
    progress("signing in " + std::to_string(options.clients) + " " + clients.protocol +
             " clients (each account once first)");
    WaveResult once = run_wave(harness, clients, accounts, 0, accounts->size(), options);
    measured.first = run_wave(harness, clients, accounts, accounts->size(), options.clients,
                              options);
    measured.first.back += once.back;
    measured.first.failures += once.failures;
    measured.first.finished = measured.first.finished && once.finished;
    measured.first.seconds += once.seconds;
    measured.first.latency.merge(once.latency);
    if (!once.first_failure.empty()) measured.first.first_failure = once.first_failure;
}

void drop_and_reconnect(Harness& harness, const BenchOptions& options, ReconnectClients& clients,
                        const Accounts& accounts, Measured& measured) {
    std::this_thread::sleep_for(settle_time);
    clients.next_wave();
    progress(options.drop == Drop::restart ? "restarting the server" : "closing every socket");
    if (options.drop == Drop::restart) {
        measured.drop = restart_server(harness, measured);
        clients.close_all();  // the server closed them: lets go of their descriptors
    } else {
        clients.close_all();
        measured.drop = "the bench closed all " + std::to_string(options.clients) +
                        " sockets at once (no QUIT or close frame)";
    }
    pid_t pid = harness.server().pid();
    double cpu_before = process_cpu_seconds(pid).value_or(0);
    progress("reconnecting " + std::to_string(options.clients) + " clients");
    measured.second = run_wave(harness, clients, accounts, 0, options.clients, options);
    measured.server_cpu_s = process_cpu_seconds(pid).value_or(0) - cpu_before;
    std::this_thread::sleep_for(settle_time);
    measured.ended_after = clients.unexpected_ends();
}

// Empty when nothing went wrong.
std::string failure_of(const Measured& measured, bool first_complete, bool alive,
                       bool server_clean) {
    const auto& second = measured.second;
    if (!alive) return "the server exited while clients were connected";
    if (!first_complete) return "not every client could sign in the first time; no drop";
    if (!second.finished) return "the reconnect did not finish within its time limit";
    if (second.failures > 0) {
        return std::to_string(second.failures) + " clients could not sign in again";
    }
    if (measured.ended_after > 0) {
        return std::to_string(measured.ended_after) + " connections ended after reconnecting";
    }
    return server_clean ? "" : "the server did not stop cleanly";
}

}  // namespace

int run_reconnect_with(Harness& harness, const BenchOptions& options, const Placement& placement,
                       ReconnectClients& clients) {
    Measured measured;
    std::size_t users = std::min(options.users, options.clients);
    progress("registering " + std::to_string(users) + " users");
    auto phase = Clock::now();
    auto accounts = std::make_shared<const std::vector<Account>>(harness.register_accounts(users));
    measured.register_s = seconds_between(phase, Clock::now());
    sign_in_all(harness, options, clients, accounts, measured);
    bool first_complete = measured.first.finished && measured.first.back == options.clients;
    if (first_complete) drop_and_reconnect(harness, options, clients, accounts, measured);
    bool alive = harness.server().running();
    ServerExit exit = harness.stop();
    Report report("ws_bench reconnect over " + clients.protocol + ": " +
                  std::to_string(options.clients) + " clients, " +
                  (options.drop == Drop::restart ? "server restarted" : "sockets closed"));
    add_rows(report, options, placement, clients, measured, users);
    bool server_clean = report_server_end(report, harness.server().complaints(), exit);
    return print_verdict(report, failure_of(measured, first_complete, alive, server_clean));
}

}  // namespace parley::bench
