// history: fill one room with N messages through the server (S senders, each
// its own user, closed loop with a large window: persisted throughput), then
// one client pages back through all of it and checks every message came back
// exactly once, in order.
#include <chrono>
#include <thread>

#include "fanout_client.hpp"
#include "fanout_plan.hpp"
#include "history_reader.hpp"
#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Clients = std::vector<std::unique_ptr<FanoutClient>>;
constexpr auto poll_interval = std::chrono::milliseconds(10);
constexpr auto drain_timeout = std::chrono::seconds(10);
const std::string room = "history";

struct FillMeasurement {
    double seconds = 0;  // first send -> last ok
    double server_cpu_s = 0;
    std::string server_threads;
    std::string machine_busy;
    bool complete = false;
    std::string aborted;
};

std::uint64_t total_acked(const Clients& clients) {
    std::uint64_t acked = 0;
    for (const auto& client : clients) acked += client->acked();
    return acked;
}

// Waits until `done` or `deadline`; a connection ending or the server dying stops it.
template <class Done>
std::string wait_until(Done done, Clock::time_point deadline, const FanoutPlan& plan,
                       Harness& harness) {
    while (!done() && Clock::now() < deadline) {
        if (plan.unexpected_ends.load() > 0) return "a connection ended during the run";
        if (!harness.server().running()) return "the server exited during the run";
        std::this_thread::sleep_for(poll_interval);
    }
    return done() ? "" : "not done in time";
}

FillMeasurement fill(Harness& harness, const BenchOptions& options, FanoutPlan& plan,
                     const Clients& clients) {
    FillMeasurement fill;
    pid_t pid = harness.server().pid();
    std::uint64_t total = plan.limit * options.senders;
    progress("filling #" + room + " with " + std::to_string(total) + " messages");
    double cpu_from = process_cpu_seconds(pid).value_or(0);
    ThreadTimes threads_from = thread_cpu_seconds(pid);
    auto machine_from = machine_cpu_ticks();
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(options.fill_timeout_s));
    plan.measure_from = steady_now_ns();
    plan.measure_until =
        plan.measure_from + static_cast<std::int64_t>(options.fill_timeout_s * 1e9);
    post_begin_sending(clients, plan);
    fill.aborted =
        wait_until([&] { return total_acked(clients) >= total; }, deadline, plan, harness);
    fill.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    fill.complete = fill.aborted.empty();
    fill.server_cpu_s = process_cpu_seconds(pid).value_or(0) - cpu_from;
    fill.server_threads = thread_deltas(threads_from, thread_cpu_seconds(pid));
    fill.machine_busy = machine_busy_between(machine_from, machine_cpu_ticks());
    plan.measure_until = steady_now_ns();  // whatever is still unanswered stays unsent
    if (fill.aborted == "not done in time") fill.aborted.clear();  // read back what is there
    if (fill.aborted.empty()) {
        wait_until([&] { return all_drained(clients, plan); }, Clock::now() + drain_timeout, plan,
                   harness);
    }
    return fill;
}

struct ReadBack {
    bool finished = false;
    std::uint64_t missing = 0;  // acknowledged, never read back
    std::uint64_t unacknowledged_read = 0;
};

ReadBack compare(const HistoryReader& reader, const Clients& clients, bool finished) {
    ReadBack result;
    result.finished = finished;
    for (std::size_t sender = 0; sender < clients.size(); ++sender) {
        for (std::size_t seq = 0; seq < clients[sender]->sent(); ++seq) {
            bool read = reader.was_read(sender, seq);
            bool acked = clients[sender]->expects_delivery(seq);
            if (acked && !read) ++result.missing;
            if (!acked && read) ++result.unacknowledged_read;
        }
    }
    return result;
}

void add_fill_rows(Report& report, const BenchOptions& options, const FillMeasurement& fill,
                   const FanoutTally& tally) {
    double rate = fill.seconds > 0 ? static_cast<double>(tally.acked) / fill.seconds : 0;
    report.row("fill", std::to_string(tally.acked) + " acknowledged in " + fixed(fill.seconds, 2) +
                           " s: " + fixed(rate, 0) + " msg/s persisted (" +
                           std::to_string(options.senders) + " senders, window " +
                           std::to_string(options.window) + " each" +
                           (fill.complete ? ")" : "; stopped at --fill-timeout)"));
    report.row("fill ack", latency_summary(tally.ack_latency) + " (send -> ok, after the commit)");
    report.row("fill server CPU", fixed(fill.server_cpu_s, 2) + " s; threads " +
                                      fill.server_threads + "; machine " + fill.machine_busy);
    report.row("fill deliveries", std::to_string(tally.delivered) + " to the other senders; " +
                                      std::to_string(tally.lost) + " lost, " +
                                      std::to_string(tally.reordered) + " reordered, " +
                                      std::to_string(tally.duplicates) + " duplicated");
    report.figure("fill_msgs_per_s", fixed(rate, 0));
    report.figure("fill_s", fixed(fill.seconds, 2));
    report.figure("fill_complete", fill.complete ? "yes" : "no");
    report.figure("acked", std::to_string(tally.acked));
    report.figure("fill_ack_p50_ms", milliseconds(tally.ack_latency.percentile(0.5), 3));
    report.figure("fill_ack_p99_ms", milliseconds(tally.ack_latency.percentile(0.99), 3));
    report.figure("fill_server_cpu_s", fixed(fill.server_cpu_s, 2));
}

void add_read_rows(Report& report, const HistoryCheck& check, const ReadBack& back) {
    double seconds = check.seconds > 0 ? check.seconds : 1e-9;
    report.row("read back", std::to_string(check.messages) + " messages in " +
                                std::to_string(check.pages) + " pages, " + fixed(check.seconds, 2) +
                                " s: " + fixed(static_cast<double>(check.pages) / seconds, 0) +
                                " pages/s, " +
                                fixed(static_cast<double>(check.messages) / seconds, 0) + " msg/s" +
                                (back.finished ? "" : " (not finished)"));
    report.row("page latency", latency_summary(check.page_latency));
    report.row("checks", std::to_string(back.missing) + " missing, " +
                             std::to_string(check.duplicates) + " duplicated, " +
                             std::to_string(check.reordered) + " out of order, " +
                             std::to_string(check.ids_out_of_order) + " ids out of order, " +
                             std::to_string(check.foreign) + " foreign, " +
                             std::to_string(back.unacknowledged_read) +
                             " read but never acknowledged (allowed)");
    report.figure("pages", std::to_string(check.pages));
    report.figure("read_messages", std::to_string(check.messages));
    report.figure("pages_per_s", fixed(static_cast<double>(check.pages) / seconds, 0));
    report.figure("read_msgs_per_s", fixed(static_cast<double>(check.messages) / seconds, 0));
    report.figure("page_p50_ms", milliseconds(check.page_latency.percentile(0.5), 3));
    report.figure("page_p99_ms", milliseconds(check.page_latency.percentile(0.99), 3));
    report.figure("page_max_ms", milliseconds(check.page_latency.max(), 3));
    report.figure("missing", std::to_string(back.missing));
    report.figure("duplicates", std::to_string(check.duplicates));
    report.figure("reordered", std::to_string(check.reordered + check.ids_out_of_order));
}

int history_verdict(Report& report, const FillMeasurement& fill, const FanoutTally& tally,
                    const HistoryCheck& check, const ReadBack& back, bool server_clean) {
    std::string failure = fill.aborted;
    if (failure.empty() && tally.command_errors + check.errors > 0) {
        failure = "the server refused commands";
    }
    if (failure.empty() && !back.finished) failure = "reading back did not finish in time";
    if (failure.empty() && !server_clean) failure = "the server did not stop cleanly";
    for (const auto& sample : tally.samples) report.note(sample);
    for (const auto& sample : check.samples) report.note(sample);
    bool broken = back.missing + check.duplicates + check.reordered + check.ids_out_of_order +
                      check.foreign + tally.lost + tally.duplicates + tally.reordered >
                  0;
    int code = !failure.empty() ? exit_failed : broken ? exit_check_failed : exit_ok;
    report.figure("status", code == exit_ok       ? "ok"
                            : code == exit_failed ? "failed"
                                                  : "check_failed");
    if (!failure.empty()) report.note("FAILED: " + failure);
    if (failure.empty() && broken) report.note("CHECK FAILED: history lost, repeated or reordered");
    return code;
}

void configure(FanoutPlan& plan, const BenchOptions& options) {
    plan.clients = plan.room_size = plan.senders_per_room = options.senders;
    plan.single_room = room;
    plan.window = options.window;
    plan.text_bytes = options.text_bytes;
    plan.limit = options.messages / options.senders;
}

// A new connection pages back through the room; true when it reached the
// first message within --fill-timeout. `aborted` says why it stopped early.
bool read_back(Harness& harness, const BenchOptions& options, const FanoutPlan& plan,
               const Account& account, std::unique_ptr<HistoryReader>& reader,
               std::string& aborted) {
    progress("reading #" + room + " back, " + std::to_string(options.page_size) + " a page");
    HistoryPlan history{room, options.page_size, options.senders,
                        options.messages / options.page_size + 10};
    harness.open_connections(
        {account}, 1, [&](std::size_t, std::shared_ptr<WsConnection> connection, std::int64_t) {
            reader = std::make_unique<HistoryReader>(std::move(connection), history);
            reader->start();
        });
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options.fill_timeout_s));
    aborted =
        wait_until([&] { return reader->finished() || reader->ended(); }, deadline, plan, harness);
    if (aborted == "not done in time") aborted.clear();  // the verdict says so
    return reader->finished();
}

void add_history_figures(Report& report, const BenchOptions& options, const FanoutPlan& plan) {
    report.figure("scenario", "history");
    report.figure("protocol", "ws");
    report.figure("target", "parley");
    report.figure("messages", std::to_string(plan.limit * options.senders));
    report.figure("senders", std::to_string(options.senders));
    report.figure("window", std::to_string(options.window));
    report.figure("shards", std::to_string(options.shards));
}

}  // namespace

int run_history(const BenchOptions& options, const Placement& placement) {
    Harness harness(harness_options(options, placement));
    FanoutPlan plan;
    Clients clients(options.senders);
    std::unique_ptr<HistoryReader> reader;
    StopGuard stop_guard(harness);  // the order of these: see harness.hpp
    plan.stopping = &harness.stopping();
    configure(plan, options);
    progress("registering " + std::to_string(options.senders) + " users");
    auto accounts = harness.register_accounts(options.senders);
    harness.open_connections(
        accounts, options.senders,
        [&](std::size_t index, std::shared_ptr<WsConnection> connection, std::int64_t) {
            clients[index] = std::make_unique<FanoutClient>(std::move(connection), index, plan);
            clients[index]->start();
        },
        [](std::size_t) { return room; });
    FillMeasurement filled = fill(harness, options, plan, clients);
    bool finished = filled.aborted.empty() &&
                    read_back(harness, options, plan, accounts.front(), reader, filled.aborted);
    ServerExit exit = harness.stop();
    FanoutTally tally = tally_of(clients);
    HistoryCheck check = reader ? reader->check() : HistoryCheck{};
    ReadBack back = reader ? compare(*reader, clients, finished) : ReadBack{};
    Report report("ws_bench history: " + std::to_string(plan.limit * options.senders) +
                  " messages into #" + room + ", read back " + std::to_string(options.page_size) +
                  " a page, " + std::to_string(options.shards) + " shard(s)");
    report.row("placement", placement.description);
    add_fill_rows(report, options, filled, tally);
    add_read_rows(report, check, back);
    add_history_figures(report, options, plan);
    bool server_clean = report_server_end(report, harness.server().complaints(), exit);
    int code = history_verdict(report, filled, tally, check, back, server_clean);
    report.print();
    return code;
}

}  // namespace parley::bench
