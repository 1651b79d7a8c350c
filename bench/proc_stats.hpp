// What Linux tells about a process through /proc, and about this one through
// getrusage. Every reader returns nullopt when the process is gone.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace parley::bench {

struct MemoryUse {
    long rss_kb = 0;   // VmRSS: resident now
    long peak_kb = 0;  // VmHWM: the most resident since start or the last reset
};

// User plus system CPU time of every thread of `pid`, in seconds.
std::optional<double> process_cpu_seconds(pid_t pid);
// The same per thread, ordered by thread id (for parleyd: creation order).
std::vector<std::pair<pid_t, double>> thread_cpu_seconds(pid_t pid);
std::optional<MemoryUse> process_memory(pid_t pid);
// Sets VmHWM back to the current VmRSS (Linux 4.0+), so a later peak belongs
// to what ran after the reset. False when the kernel refused.
bool reset_peak_memory(pid_t pid);
// User plus system CPU time of this process, in seconds.
double own_cpu_seconds();

// Busy and total time of each CPU of the machine (/proc/stat), in clock ticks:
// what everything running, not only the bench and the server, used.
struct CpuTicks {
    long long busy = 0;
    long long total = 0;
};
std::vector<CpuTicks> machine_cpu_ticks();
// "cpu0 97 %, cpu1 95 %" between two samples.
std::string machine_busy_between(const std::vector<CpuTicks>& before,
                                 const std::vector<CpuTicks>& after);

}  // namespace parley::bench
