// The scenarios of ws_bench and what they share: where things run, how the
// process ends, and what the end of a run says about the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "harness.hpp"
#include "options.hpp"
#include "report.hpp"

namespace parley::bench {

enum ExitCode : int {
    exit_ok = 0,
    exit_failed = 1,        // the run could not be done or the server misbehaved
    exit_check_failed = 3,  // done, but messages were lost, duplicated or reordered
};

struct Placement {
    std::optional<int> server_cpu;
    std::string description;  // for the report
};

HarnessOptions harness_options(const BenchOptions& options, const Placement& placement);
// Adds the server's warnings and errors and how it stopped; false when it
// did not stop cleanly.
bool report_server_end(Report& report, const std::vector<std::string>& complaints,
                       const ServerExit& exit);
// The end of a run's report: `failure` (empty: none) as a note and the
// status figure, the report printed; returns the exit code.
int print_verdict(Report& report, const std::string& failure);
double megabytes(long kilobytes);
// A line on stderr saying what the bench is doing; stdout holds the results.
void progress(const std::string& what);
std::string milliseconds(std::int64_t nanoseconds, int decimals = 2);
// "p50 X ms, p99 Y ms, max Z ms"
std::string latency_summary(const LatencyHistogram& latency);

// CPU seconds each server thread spent between two samples, in thread id
// order; a thread missing from either sample counts what it has.
using ThreadTimes = std::vector<std::pair<pid_t, double>>;
std::string thread_deltas(const ThreadTimes& before, const ThreadTimes& after);

// Throws when `connections` (one descriptor each in the bench and in the
// server) don't fit under the descriptor limit.
void check_descriptors(std::size_t connections);

// fanout and rooms
int run_fanout(const BenchOptions& options, const Placement& placement);
int run_idle(const BenchOptions& options, const Placement& placement);
int run_history(const BenchOptions& options, const Placement& placement);
// fanout and rooms
int run_irc_fanout(const BenchOptions& options, const Placement& placement);
int run_irc_idle(const BenchOptions& options, const Placement& placement);
int run_reconnect(const BenchOptions& options, const Placement& placement);
int run_irc_reconnect(const BenchOptions& options, const Placement& placement);

}  // namespace parley::bench
