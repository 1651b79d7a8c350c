// fanout, rooms and idle over plain IRC, against parleyd's gateway (guests:
// plain nicks, no accounts, like the peers) or a peer server from bench/peers/.
#include <chrono>
#include <thread>

#include "fanout_window.hpp"
#include "irc_fanout_client.hpp"
#include "irc_harness.hpp"
#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Clients = std::vector<std::unique_ptr<IrcFanoutClient>>;
constexpr auto settle_time = std::chrono::seconds(1);

IrcHarnessOptions irc_harness_options(const BenchOptions& options, const Placement& placement) {
    IrcHarnessOptions irc;
    irc.target = options.target == Server::ngircd     ? Target::ngircd
                 : options.target == Server::inspircd ? Target::inspircd
                                                      : Target::parley;
    irc.binary = irc.target == Target::ngircd     ? options.ngircd
                 : irc.target == Target::inspircd ? options.inspircd
                                                  : options.parleyd;
    irc.peers_dir = options.peers_dir;
    irc.shards = options.shards;
    irc.server_cpu = placement.server_cpu;
    irc.threads = options.threads;
    irc.connect_concurrency = options.connect_concurrency;
    irc.source_addresses = options.source_addresses;
    irc.server_log = options.server_log;
    return irc;
}

std::string title(const char* scenario, const BenchOptions& options) {
    return std::string("ws_bench ") + scenario + " over IRC against " +
           target_name(irc_harness_options(options, {}).target) + ": " +
           std::to_string(options.clients) + " clients";
}

void add_common_rows(Report& report, const BenchOptions& options, const Placement& placement,
                     const OpenStats& open) {
    double count = static_cast<double>(options.clients);
    report.row("placement", placement.description);
    report.row("connect + register",
               std::to_string(options.clients) + " in " + fixed(open.seconds, 2) +
                   " s: " + fixed(count / open.seconds, 0) + " /s from " +
                   std::to_string(options.source_addresses) + " source addresses, " +
                   std::to_string(open.retries) + " refused or reset and retried; each " +
                   latency_summary(open.latency));
    report.figure("protocol", "irc");
    report.figure("target", target_name(irc_harness_options(options, placement).target));
    report.figure("connect_per_s", fixed(count / open.seconds, 0));
}

}  // namespace

int run_irc_fanout(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    IrcHarness harness(irc_harness_options(options, placement));
    FanoutPlan plan;
    Clients clients(options.clients);
    StopGuard stop_guard(harness);  // the order of these four: see harness.hpp
    plan.stopping = &harness.stopping();
    configure_plan(plan, options);
    FanoutMeasurement measured;
    pid_t pid = harness.server_pid();
    progress("connecting " + std::to_string(options.clients) + " IRC clients to their channels");
    measured.peak_reset = reset_peak_memory(pid);
    measured.open = harness.open_clients(
        options.clients, [&plan](std::size_t i) { return "#" + plan.room_name(i); },
        [&](std::size_t index, std::shared_ptr<IrcConnection> conn) {
            clients[index] =
                std::make_unique<IrcFanoutClient>(std::move(conn), index, plan, clients);
            clients[index]->start();
        });
    WindowHooks hooks{pid,
                      [&harness] { return harness.server_running(); },
                      harness.workers(),
                      harness.stopping(),
                      [&] { post_begin_sending(clients, plan); },
                      [&] { return all_drained(clients, plan); }};
    run_window(options, plan, hooks, measured);
    ServerExit exit = harness.stop();
    measured.loop_lag = measured.lag_probe->merged();
    FanoutTally tally = tally_of(clients);
    bool rooms = options.scenario == Scenario::rooms;
    Report report(title(scenario_name(options.scenario), options) + ", " +
                  (rooms ? "rooms of " + std::to_string(options.room_size)
                         : std::to_string(options.senders) + " sender(s)"));
    add_common_rows(report, options, placement, measured.open);
    add_measured_row(report, options, " (a message is answered once every member has it)");
    add_result_rows(report, options, measured, tally);
    add_figures(report, options, measured, tally);
    bool server_clean = report_server_end(report, harness.complaints(), exit);
    int code = verdict(report, measured, tally, server_clean);
    report.print();
    return code;
}

int run_irc_idle(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    IrcHarness harness(irc_harness_options(options, placement));
    std::atomic<std::uint64_t> unexpected_ends{0};
    std::vector<std::shared_ptr<IrcConnection>> connections(options.clients);
    StopGuard stop_guard(harness);
    pid_t pid = harness.server_pid();
    std::this_thread::sleep_for(settle_time);
    MemoryUse before = process_memory(pid).value_or(MemoryUse{});
    double cpu_before = process_cpu_seconds(pid).value_or(0);
    progress("opening " + std::to_string(options.clients) + " idle IRC connections");
    OpenStats open = harness.open_clients(
        options.clients, {}, [&](std::size_t index, std::shared_ptr<IrcConnection> connection) {
            connection->start([](std::string_view) {},
                              [&](const std::string&) {
                                  if (!harness.stopping().load()) ++unexpected_ends;
                              });
            connections[index] = std::move(connection);
        });
    double connect_cpu = process_cpu_seconds(pid).value_or(0) - cpu_before;
    std::this_thread::sleep_for(settle_time);
    MemoryUse after = process_memory(pid).value_or(MemoryUse{});
    bool alive = harness.server_running();
    ServerExit exit = harness.stop();
    double count = static_cast<double>(options.clients);
    double delta_kb = static_cast<double>(after.rss_kb - before.rss_kb);
    Report report(title("idle", options) + " (registered, in no channel)");
    add_common_rows(report, options, placement, open);
    report.row("server CPU connecting", fixed(connect_cpu, 2) + " s");
    report.row("server RSS", fixed(megabytes(before.rss_kb), 1) + " MB before, " +
                                 fixed(megabytes(after.rss_kb), 1) + " MB after (settled " +
                                 std::to_string(settle_time.count()) + " s)");
    report.row("per connection", fixed(delta_kb / count, 2) + " KB");
    report.figure("scenario", "idle");
    report.figure("connections", std::to_string(options.clients));
    report.figure("connect_p50_ms", milliseconds(open.latency.percentile(0.5), 3));
    report.figure("connect_p99_ms", milliseconds(open.latency.percentile(0.99), 3));
    report.figure("rss_before_mb", fixed(megabytes(before.rss_kb), 1));
    report.figure("rss_after_mb", fixed(megabytes(after.rss_kb), 1));
    report.figure("kb_per_conn", fixed(delta_kb / count, 2));
    bool server_clean = report_server_end(report, harness.complaints(), exit);
    std::string failure = !alive                   ? "the server exited while connections were open"
                          : unexpected_ends.load() ? "connections ended while idle"
                          : !server_clean          ? "the server did not stop cleanly"
                                                   : "";
    return print_verdict(report, failure);
}

}  // namespace parley::bench
