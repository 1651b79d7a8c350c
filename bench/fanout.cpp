// fanout and rooms over WebSocket: C signed-in clients in one room
// ("general") or in rooms of --room-size ("r0", "r1", ...), sending as the
// plan says; every other member checks order and measures latency.
#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "fanout_client.hpp"
#include "fanout_window.hpp"
#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Clients = std::vector<std::unique_ptr<FanoutClient>>;

// Accounts to register: fanout shares --users among the clients (client i
// is user i mod U). In rooms a user's messages reach its other connections
// too, and membership is the account's, so a user must sit in one room only:
// each room gets k = U / rooms users (at most one per client), client `slot`
// of a room signs in as its (slot mod k)-th. Every message then reaches the
// other room_size - 1 connections of its room, whatever k is.
std::size_t users_per_room(const BenchOptions& options, const FanoutPlan& plan) {
    std::size_t rooms = (options.clients + plan.room_size - 1) / plan.room_size;
    return std::clamp<std::size_t>(options.users / rooms, 1, plan.room_size);
}

std::size_t account_count(const BenchOptions& options, const FanoutPlan& plan) {
    if (options.scenario != Scenario::rooms) return options.users;
    std::size_t rooms = (options.clients + plan.room_size - 1) / plan.room_size;
    return rooms * users_per_room(options, plan);
}

std::vector<Account> account_of_each_client(const BenchOptions& options, const FanoutPlan& plan,
                                            const std::vector<Account>& accounts) {
    std::vector<Account> chosen;
    std::size_t per_room = users_per_room(options, plan);
    for (std::size_t i = 0; i < options.clients; ++i) {
        bool rooms = options.scenario == Scenario::rooms;
        std::size_t user =
            rooms ? plan.room_of(i) * per_room + plan.slot_of(i) % per_room : i % accounts.size();
        chosen.push_back(accounts[user]);
    }
    return chosen;
}

std::string title(const BenchOptions& options, const FanoutPlan& plan) {
    std::string shape = options.scenario == Scenario::rooms
                            ? "rooms of " + std::to_string(options.room_size) + ", " +
                                  std::to_string(users_per_room(options, plan)) + " user(s) each"
                            : std::to_string(options.senders) + " sender(s)";
    return std::string("ws_bench ") + scenario_name(options.scenario) + ": " +
           std::to_string(options.clients) + " clients, " + shape + ", " +
           std::to_string(options.shards) + " shard(s)";
}

void add_setup_rows(Report& report, const BenchOptions& options, const Placement& placement,
                    const FanoutMeasurement& measured, std::size_t users) {
    report.row("placement", placement.description);
    report.row("registration", std::to_string(users) + " users in " +
                                   fixed(measured.register_s, 1) + " s (" +
                                   std::to_string(options.register_concurrency) + " at a time)");
    report.row("connect + auth",
               std::to_string(options.clients) + " in " + fixed(measured.open.seconds, 3) +
                   " s from " + std::to_string(options.source_addresses) + " source addresses, " +
                   std::to_string(measured.open.retries) + " refused and retried; each " +
                   latency_summary(measured.open.latency));
    add_measured_row(report, options, "");
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The account each client signs in as; the server's peak memory is reset
// afterwards: argon2's 64 MiB per hash is not fanout's.
std::vector<Account> register_clients(Harness& harness, const BenchOptions& options,
                                      const FanoutPlan& plan, FanoutMeasurement& measured) {
    std::size_t users = account_count(options, plan);
    progress("registering " + std::to_string(users) + " users, " +
             std::to_string(options.register_concurrency) + " at a time");
    auto phase = Clock::now();
    auto accounts = account_of_each_client(options, plan, harness.register_accounts(users));
    measured.register_s = seconds_since(phase);
    pid_t pid = harness.server().pid();
    measured.registration_memory = process_memory(pid).value_or(MemoryUse{});
    measured.peak_reset = reset_peak_memory(pid);
    return accounts;
}

}  // namespace

int run_fanout(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    Harness harness(harness_options(options, placement));
    FanoutPlan plan;
    Clients clients(options.clients);
    StopGuard stop_guard(harness);  // the order of these four: see harness.hpp
    plan.stopping = &harness.stopping();
    configure_plan(plan, options);
    FanoutMeasurement measured;
    std::size_t users = account_count(options, plan);
    auto accounts = register_clients(harness, options, plan, measured);
    pid_t pid = harness.server().pid();
    progress("connecting " + std::to_string(options.clients) + " clients");
    bool rooms = options.scenario == Scenario::rooms;
    measured.open = harness.open_connections(
        accounts, options.clients,
        [&](std::size_t index, std::shared_ptr<WsConnection> connection, std::int64_t) {
            clients[index] = std::make_unique<FanoutClient>(std::move(connection), index, plan);
            clients[index]->start();
        },
        rooms ? Harness::RoomOf([&plan](std::size_t i) { return plan.room_name(i); })
              : Harness::RoomOf());
    WindowHooks hooks{pid,
                      [&harness] { return harness.server().running(); },
                      harness.workers(),
                      harness.stopping(),
                      [&] { post_begin_sending(clients, plan); },
                      [&] { return all_drained(clients, plan); }};
    run_window(options, plan, hooks, measured);
    ServerExit exit = harness.stop();
    measured.loop_lag = measured.lag_probe->merged();
    FanoutTally tally = tally_of(clients);
    Report report(title(options, plan));
    add_setup_rows(report, options, placement, measured, users);
    add_result_rows(report, options, measured, tally);
    report.figure("protocol", "ws");
    report.figure("target", "parley");
    report.figure("users", std::to_string(users));
    add_figures(report, options, measured, tally);
    bool server_clean = report_server_end(report, harness.server().complaints(), exit);
    int code = verdict(report, measured, tally, server_clean);
    report.print();
    return code;
}

}  // namespace parley::bench
