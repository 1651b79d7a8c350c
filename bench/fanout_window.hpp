// What fanout and rooms over WebSocket and over IRC share: the plan, the
// measured window and what is reported about it. The protocol-specific
// parts come in as hooks.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "fanout_client.hpp"
#include "fanout_plan.hpp"
#include "harness.hpp"
#include "loop_lag.hpp"
#include "options.hpp"
#include "proc_stats.hpp"
#include "report.hpp"

namespace parley::bench {

struct FanoutMeasurement {
    double register_s = 0;
    OpenStats open;
    double server_cpu_s = 0;
    std::string server_threads;  // CPU per thread in the window
    std::string machine_busy;    // every process on every CPU, in the window
    std::unique_ptr<LoopLag> lag_probe;
    LatencyHistogram loop_lag;  // how late the bench's own event loops ran
    double bench_cpu_s = 0;
    MemoryUse registration_memory;
    MemoryUse run_memory;     // peak since connecting, and at the end
    bool peak_reset = false;  // else the peak counts registration too
    double drain_s = 0;
    bool drained = false;
    std::string aborted;  // why the run stopped early
};

struct WindowHooks {
    pid_t pid = -1;  // the server's
    std::function<bool()> server_running;
    Workers& workers;
    const std::atomic<bool>& stopping;
    std::function<void()> begin_sending;  // posts begin_sending() to each sender's thread
    std::function<bool()> drained;        // nothing in flight, every delivery in
};

// fanout: one room of every client, the first --senders sending, closed
// loop or --rate over all of them spread evenly. rooms: rooms of
// --room-size, everyone sending --rate-per-client, starts spread at random.
void configure_plan(FanoutPlan& plan, const BenchOptions& options);

// Senders start; CPU is sampled at both ends of the window, then the drain
// waits (bounded) for the last answers and deliveries.
void run_window(const BenchOptions& options, FanoutPlan& plan, const WindowHooks& hooks,
                FanoutMeasurement& measured);
// Deliveries per second of server CPU: steadier than deliveries/s when other
// work on a shared machine takes part of the server's CPU.
double per_cpu_second(const FanoutTally& tally, const FanoutMeasurement& measured);
// The "measured" row: window, texts, the schedule; `extra` ends it.
void add_measured_row(Report& report, const BenchOptions& options, const std::string& extra);
void add_result_rows(Report& report, const BenchOptions& options, const FanoutMeasurement& measured,
                     const FanoutTally& tally);
void add_figures(Report& report, const BenchOptions& options, const FanoutMeasurement& measured,
                 const FanoutTally& tally);
// Failures first (the run or the server went wrong), then broken guarantees.
int verdict(Report& report, const FanoutMeasurement& measured, const FanoutTally& tally,
            bool server_clean);

}  // namespace parley::bench
