#include "scenarios.hpp"

#include <cstdio>

namespace parley::bench {

namespace {

constexpr std::size_t shown_complaints = 10;

}  // namespace

HarnessOptions harness_options(const BenchOptions& options, const Placement& placement) {
    return HarnessOptions{options.parleyd,
                          options.shards,
                          placement.server_cpu,
                          options.threads,
                          options.register_concurrency,
                          options.connect_concurrency,
                          options.source_addresses,
                          options.server_log};
}

bool report_server_end(Report& report, const std::vector<std::string>& complaints,
                       const ServerExit& exit) {
    report.row("server log", std::to_string(complaints.size()) + " warning/error lines" +
                                 (complaints.empty() ? "" : " (first ones below)"));
    for (std::size_t i = 0; i < complaints.size() && i < shown_complaints; ++i) {
        report.note("server: " + complaints[i]);
    }
    report.row("server stop",
               "SIGTERM -> " + exit.description + " after " + fixed(exit.seconds, 2) + " s");
    report.figure("server_log_complaints", std::to_string(complaints.size()));
    return exit.clean;
}

int print_verdict(Report& report, const std::string& failure) {
    if (!failure.empty()) report.note("FAILED: " + failure);
    report.figure("status", failure.empty() ? "ok" : "failed");
    report.print();
    return failure.empty() ? exit_ok : exit_failed;
}

void progress(const std::string& what) { std::fprintf(stderr, "ws_bench: %s\n", what.c_str()); }

double megabytes(long kilobytes) { return static_cast<double>(kilobytes) / 1024.0; }

std::string milliseconds(std::int64_t nanoseconds, int decimals) {
    return fixed(static_cast<double>(nanoseconds) / 1e6, decimals);
}

std::string latency_summary(const LatencyHistogram& latency) {
    return "p50 " + milliseconds(latency.percentile(0.5)) + " ms, p99 " +
           milliseconds(latency.percentile(0.99)) + " ms, max " + milliseconds(latency.max()) +
           " ms";
}

std::string thread_deltas(const ThreadTimes& before, const ThreadTimes& after) {
    std::string text;
    for (const auto& [tid, seconds] : after) {
        double start = 0;
        for (const auto& [old_tid, old_seconds] : before) {
            if (old_tid == tid) start = old_seconds;
        }
        if (!text.empty()) text += ", ";
        text += fixed(seconds - start, 2);
    }
    return text + " s";
}

}  // namespace parley::bench
