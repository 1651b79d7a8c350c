// The part of fanout that doesn't depend on the protocol: the timed window
// (CPU and memory sampled from /proc at both ends, the drain) and the report.
#include "fanout_window.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "proc_stats.hpp"
#include "scenarios.hpp"

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto poll_interval = std::chrono::milliseconds(10);

Clock::duration seconds(double count) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(count));
}

// The clock of steady_now_ns(), which stamps the messages.
std::int64_t nanoseconds_of(Clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

// Sleeps until `until` unless a connection ends or the server dies first.
std::string sleep_watching(Clock::time_point until, const FanoutPlan& plan,
                           const WindowHooks& hooks) {
    while (Clock::now() < until) {
        if (plan.unexpected_ends.load() > 0) return "a connection ended during the run";
        if (!hooks.server_running()) return "the server exited during the run";
        std::this_thread::sleep_for(std::min<Clock::duration>(poll_interval, until - Clock::now()));
    }
    return {};
}

// Messages/s each sender sends; 0: closed loop.
double sender_rate(const BenchOptions& options) {
    if (options.scenario == Scenario::rooms) return options.rate_per_client;
    return options.rate / static_cast<double>(options.senders);
}

std::size_t receivers_per_message(const BenchOptions& options) {
    bool rooms = options.scenario == Scenario::rooms;
    return (rooms ? std::min(options.room_size, options.clients) : options.clients) - 1;
}

std::string schedule_text(const BenchOptions& options) {
    if (options.scenario == Scenario::rooms) {
        return "each client " + fixed(options.rate_per_client, 2) +
               " msg/s, first sends spread at random over one period";
    }
    if (options.rate <= 0) return "closed loop";
    return "fixed rate " + fixed(options.rate, 1) + " msg/s over " +
           std::to_string(options.senders) + " sender(s), spread evenly";
}

}  // namespace

void configure_plan(FanoutPlan& plan, const BenchOptions& options) {
    bool rooms = options.scenario == Scenario::rooms;
    plan.clients = options.clients;
    plan.room_size = rooms ? options.room_size : options.clients;
    plan.senders_per_room = rooms ? options.room_size : options.senders;
    plan.window = options.window;
    plan.text_bytes = options.text_bytes;
    plan.stagger = rooms ? Stagger::random : Stagger::even;
    double rate = sender_rate(options);
    plan.period_ns = rate > 0 ? static_cast<std::int64_t>(1e9 / rate) : 0;
}

void add_measured_row(Report& report, const BenchOptions& options, const std::string& extra) {
    report.row("measured",
               fixed(options.duration_s, 1) + " s after a " + fixed(options.warmup_s, 1) +
                   " s warm-up; " + std::to_string(options.text_bytes) + "-byte texts, window " +
                   std::to_string(options.window) + "; " + schedule_text(options) + extra);
}

// Senders start; the main thread samples CPU at both ends of the window,
// then waits (bounded) for the last acknowledgements and deliveries.
void run_window(const BenchOptions& options, FanoutPlan& plan, const WindowHooks& hooks,
                FanoutMeasurement& measured) {
    pid_t pid = hooks.pid;
    progress("sending: " + fixed(options.warmup_s, 1) + " s warm-up, then " +
             fixed(options.duration_s, 1) + " s measured");
    auto from = Clock::now() + seconds(options.warmup_s);
    auto until = from + seconds(options.duration_s);
    plan.measure_from = nanoseconds_of(from);
    plan.measure_until = nanoseconds_of(until);
    measured.lag_probe = std::make_unique<LoopLag>(hooks.workers, nanoseconds_of(from),
                                                   nanoseconds_of(until), hooks.stopping);
    hooks.begin_sending();
    measured.aborted = sleep_watching(from, plan, hooks);
    double server_from = process_cpu_seconds(pid).value_or(0);
    ThreadTimes threads_from = thread_cpu_seconds(pid);
    auto machine_from = machine_cpu_ticks();
    double bench_from = own_cpu_seconds();
    if (measured.aborted.empty()) measured.aborted = sleep_watching(until, plan, hooks);
    measured.server_cpu_s = process_cpu_seconds(pid).value_or(0) - server_from;
    measured.server_threads = thread_deltas(threads_from, thread_cpu_seconds(pid));
    measured.bench_cpu_s = own_cpu_seconds() - bench_from;
    measured.machine_busy = machine_busy_between(machine_from, machine_cpu_ticks());
    auto drain_deadline = until + seconds(options.drain_s);
    while (measured.aborted.empty() && !(measured.drained = hooks.drained()) &&
           Clock::now() < drain_deadline) {
        std::this_thread::sleep_for(poll_interval);
    }
    measured.drain_s = std::chrono::duration<double>(Clock::now() - until).count();
    measured.run_memory = process_memory(pid).value_or(MemoryUse{});
}

// Throughput per second of server CPU: steadier than deliveries/s when other
// work on a shared machine takes part of the server's CPU.
double per_cpu_second(const FanoutTally& tally, const FanoutMeasurement& measured) {
    if (measured.server_cpu_s <= 0) return 0;
    return static_cast<double>(tally.delivered_in_window) / measured.server_cpu_s;
}

void add_result_rows(Report& report, const BenchOptions& options, const FanoutMeasurement& measured,
                     const FanoutTally& tally) {
    double duration = options.duration_s;
    report.row("acknowledged", fixed(static_cast<double>(tally.acked_in_window) / duration, 0) +
                                   " msg/s (ack p50 " +
                                   milliseconds(tally.ack_latency.percentile(0.5)) + " ms, p99 " +
                                   milliseconds(tally.ack_latency.percentile(0.99)) + " ms)");
    report.row("delivered", fixed(static_cast<double>(tally.delivered_in_window) / duration, 0) +
                                " events/s to " + std::to_string(receivers_per_message(options)) +
                                " receivers per message");
    report.row("schedule", schedule_text(options) + "; " + std::to_string(tally.late) +
                               " sent late (window full), " + std::to_string(tally.skipped) +
                               " skipped (window full till the end)");
    bool fixed_rate = options.scenario == Scenario::rooms || options.rate > 0;
    report.row("latency", latency_summary(tally.delivery_latency) + " (" +
                              std::to_string(tally.delivery_latency.count()) + " deliveries" +
                              (fixed_rate ? " of the messages scheduled in the window; skipped "
                                            "sends are not in it"
                                          : "") +
                              ")");
    report.row("lost/reordered/dup",
               std::to_string(tally.lost) + " / " + std::to_string(tally.reordered) + " / " +
                   std::to_string(tally.duplicates) + " (of " + std::to_string(tally.delivered) +
                   " delivered in all; " + std::to_string(tally.unanswered) + " sends unanswered)");
    report.row("server CPU", fixed(measured.server_cpu_s, 2) + " s in the window (" +
                                 fixed(measured.server_cpu_s / duration, 2) +
                                 " cores): " + fixed(per_cpu_second(tally, measured), 0) +
                                 " deliveries per CPU-second");
    report.row("server threads", measured.server_threads + " (thread id order)");
    report.row("bench CPU", fixed(measured.bench_cpu_s, 2) + " s in the window (" +
                                fixed(measured.bench_cpu_s / duration, 2) + " cores)");
    report.row("bench loop lag", latency_summary(measured.loop_lag) + " (timer wake-ups, late by)");
    report.row("machine busy", measured.machine_busy + " (all processes, in the window)");
    report.row("server memory",
               "peak " + fixed(megabytes(measured.run_memory.peak_kb), 1) +
                   (measured.peak_reset ? " MB since connecting, " : " MB since start, ") +
                   fixed(megabytes(measured.run_memory.rss_kb), 1) +
                   " MB at the end; peak while registering " +
                   fixed(megabytes(measured.registration_memory.peak_kb), 1) + " MB");
    if (!measured.aborted.empty()) {
        report.row("drain", "skipped: the run was cut short");
    } else {
        report.row("drain", measured.drained
                                ? "everything in " + fixed(measured.drain_s, 2) + " s"
                                : "gave up after " + fixed(measured.drain_s, 2) + " s");
    }
}

void add_figures(Report& report, const BenchOptions& options, const FanoutMeasurement& measured,
                 const FanoutTally& tally) {
    double duration = options.duration_s;
    bool rooms = options.scenario == Scenario::rooms;
    report.figure("scenario", scenario_name(options.scenario));
    report.figure("clients", std::to_string(options.clients));
    report.figure("senders", std::to_string(rooms ? options.clients : options.senders));
    if (rooms) report.figure("room_size", std::to_string(options.room_size));
    report.figure(
        "rate",
        fixed(rooms ? options.rate_per_client * static_cast<double>(options.clients) : options.rate,
              1));
    report.figure("window", std::to_string(options.window));
    report.figure("shards", std::to_string(options.shards));
    report.figure("duration_s", fixed(duration, 1));
    report.figure("msgs_per_s", fixed(static_cast<double>(tally.acked_in_window) / duration, 0));
    report.figure("deliveries_per_s",
                  fixed(static_cast<double>(tally.delivered_in_window) / duration, 0));
    report.figure("p50_ms", milliseconds(tally.delivery_latency.percentile(0.5), 3));
    report.figure("p99_ms", milliseconds(tally.delivery_latency.percentile(0.99), 3));
    report.figure("max_ms", milliseconds(tally.delivery_latency.max(), 3));
    report.figure("ack_p50_ms", milliseconds(tally.ack_latency.percentile(0.5), 3));
    report.figure("ack_p99_ms", milliseconds(tally.ack_latency.percentile(0.99), 3));
    report.figure("lost", std::to_string(tally.lost));
    report.figure("reordered", std::to_string(tally.reordered));
    report.figure("duplicates", std::to_string(tally.duplicates));
    report.figure("unanswered", std::to_string(tally.unanswered));
    report.figure("late", std::to_string(tally.late));
    report.figure("skipped", std::to_string(tally.skipped));
    report.figure("server_cpu_s", fixed(measured.server_cpu_s, 2));
    report.figure("deliveries_per_cpu_s", fixed(per_cpu_second(tally, measured), 0));
    report.figure("server_rss_mb", fixed(megabytes(measured.run_memory.peak_kb), 1));
    report.figure("bench_cpu_s", fixed(measured.bench_cpu_s, 2));
    report.figure("bench_lag_p99_ms", milliseconds(measured.loop_lag.percentile(0.99), 3));
    report.figure("register_s", fixed(measured.register_s, 1));
}

// Failures first (the run or the server went wrong), then broken guarantees.
int verdict(Report& report, const FanoutMeasurement& measured, const FanoutTally& tally,
            bool server_clean) {
    std::string failure = measured.aborted;
    if (failure.empty() && tally.unexpected_ends > 0) failure = "connections ended during the run";
    if (failure.empty() && tally.command_errors > 0) failure = "the server refused commands";
    if (failure.empty() && tally.foreign + tally.echoes > 0) {
        failure = "unexpected messages (" + std::to_string(tally.echoes) +
                  " echoed to their sender, " + std::to_string(tally.foreign) +
                  " not from the bench)";
    }
    if (failure.empty() && !server_clean) failure = "the server did not stop cleanly";
    for (const auto& sample : tally.samples) report.note(sample);
    bool broken =
        tally.lost + tally.duplicates + tally.reordered + tally.unanswered > 0 || !measured.drained;
    int code = !failure.empty() ? exit_failed : broken ? exit_check_failed : exit_ok;
    report.figure("status", code == exit_ok       ? "ok"
                            : code == exit_failed ? "failed"
                                                  : "check_failed");
    if (!failure.empty()) report.note("FAILED: " + failure);
    if (failure.empty() && broken)
        report.note("CHECK FAILED: deliveries lost, repeated or out of order");
    return code;
}

}  // namespace parley::bench
