// fanout: C signed-in clients in room "general", S of them sending in a
// closed loop; every other client checks order and measures latency.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "fanout_client.hpp"
#include "fanout_window.hpp"
#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Clients = std::vector<std::unique_ptr<FanoutClient>>;

void fill_plan(FanoutPlan& plan, const BenchOptions& options,
               const std::vector<Account>& accounts) {
    plan.window = options.window;
    plan.text_bytes = options.text_bytes;
    plan.senders = options.senders;
    std::int64_t highest = 0;
    for (const auto& account : accounts) highest = std::max(highest, account.user_id);
    plan.sender_of_user.assign(static_cast<std::size_t>(highest) + 1, -1);
    for (std::size_t s = 0; s < options.senders; ++s) {
        plan.sender_of_user[static_cast<std::size_t>(accounts[s].user_id)] = static_cast<int>(s);
    }
}

void add_setup_rows(Report& report, const BenchOptions& options, const Placement& placement,
                    const FanoutMeasurement& measured) {
    report.row("placement", placement.description);
    report.row("registration", std::to_string(options.clients) + " users in " +
                                   fixed(measured.register_s, 1) + " s (" +
                                   std::to_string(options.register_concurrency) + " at a time)");
    report.row("connect + auth", std::to_string(options.clients) + " in " +
                                     fixed(measured.open.seconds, 3) + " s; each " +
                                     latency_summary(measured.open.latency));
    report.row("measured", fixed(options.duration_s, 1) + " s after a " +
                               fixed(options.warmup_s, 1) + " s warm-up; " +
                               std::to_string(options.text_bytes) + "-byte texts, window " +
                               std::to_string(options.window));
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int run_fanout(const BenchOptions& options, const Placement& placement) {
    Harness harness(harness_options(options, placement));
    FanoutPlan plan;
    Clients clients(options.clients);
    StopGuard stop_guard(harness);  // the order of these four: see harness.hpp
    plan.stopping = &harness.stopping();
    FanoutMeasurement measured;
    progress("registering " + std::to_string(options.clients) + " users, " +
             std::to_string(options.register_concurrency) + " at a time");
    auto phase = Clock::now();
    auto accounts = harness.register_accounts(options.clients);
    measured.register_s = seconds_since(phase);
    pid_t pid = harness.server().pid();
    measured.registration_memory = process_memory(pid).value_or(MemoryUse{});
    measured.peak_reset = reset_peak_memory(pid);  // argon2's 64 MiB per hash is not fanout's
    progress("connecting " + std::to_string(options.clients) + " clients");
    fill_plan(plan, options, accounts);
    measured.open = harness.open_connections(
        accounts, options.clients,
        [&](std::size_t index, std::shared_ptr<WsConnection> connection, std::int64_t user_id) {
            int sender = index < options.senders ? static_cast<int>(index) : -1;
            clients[index] =
                std::make_unique<FanoutClient>(std::move(connection), user_id, sender, plan);
            clients[index]->start();
        });
    WindowHooks hooks{harness.server().pid(), [&harness] { return harness.server().running(); },
                      harness.workers(), harness.stopping(),
                      [&] { post_begin_sending(clients, options.senders); },
                      [&clients] { return all_drained(clients); }};
    run_window(options, plan, hooks, measured);
    ServerExit exit = harness.stop();
    measured.loop_lag = measured.lag_probe->merged();
    FanoutTally tally = tally_of(clients, options.senders);
    Report report("ws_bench fanout: " + std::to_string(options.clients) + " clients, " +
                  std::to_string(options.senders) + " sender(s), " +
                  std::to_string(options.shards) + " shard(s)");
    add_setup_rows(report, options, placement, measured);
    add_result_rows(report, options, measured, tally);
    add_figures(report, options, measured, tally);
    bool server_clean = report_server_end(report, harness.server().complaints(), exit);
    int code = verdict(report, measured, tally, server_clean);
    report.print();
    return code;
}

}  // namespace parley::bench
