#include "proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace parley::bench {

namespace {

std::string proc_path(pid_t pid, const char* file) {
    return "/proc/" + std::to_string(pid) + "/" + file;
}

double seconds_of(const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

std::optional<double> cpu_seconds_in(const std::string& stat_path) {
    std::ifstream file(stat_path);
    std::string line;
    if (!std::getline(file, line)) return std::nullopt;
    // The command name may hold spaces and parentheses; the fields after the
    // last ')' are state (3), ppid (4), ... utime (14), stime (15).
    auto close = line.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    long long utime = 0;
    long long stime = 0;
    for (int number = 3; number <= 15 && fields >> field; ++number) {
        if (number == 14) utime = std::stoll(field);
        if (number == 15) stime = std::stoll(field);
    }
    if (!fields) return std::nullopt;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

std::optional<double> process_cpu_seconds(pid_t pid) {
    return cpu_seconds_in(proc_path(pid, "stat"));
}

std::vector<std::pair<pid_t, double>> thread_cpu_seconds(pid_t pid) {
    std::vector<std::pair<pid_t, double>> threads;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(proc_path(pid, "task"), error)) {
        pid_t tid = static_cast<pid_t>(std::atoi(entry.path().filename().c_str()));
        if (auto seconds = cpu_seconds_in((entry.path() / "stat").string())) {
            threads.emplace_back(tid, *seconds);
        }
    }
    std::sort(threads.begin(), threads.end());
    return threads;
}

std::optional<MemoryUse> process_memory(pid_t pid) {
    std::ifstream file(proc_path(pid, "status"));
    if (!file) return std::nullopt;
    MemoryUse memory;
    bool found = false;
    for (std::string line; std::getline(file, line);) {
        std::istringstream fields(line);
        std::string key;
        long value = 0;
        if (!(fields >> key >> value)) continue;
        if (key == "VmRSS:") {
            memory.rss_kb = value;
            found = true;
        }
        if (key == "VmHWM:") memory.peak_kb = value;
    }
    if (!found) return std::nullopt;
    return memory;
}

bool reset_peak_memory(pid_t pid) {
    std::ofstream file(proc_path(pid, "clear_refs"));
    file << "5";
    file.flush();
    return static_cast<bool>(file);
}

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
}

std::vector<CpuTicks> machine_cpu_ticks() {
    std::vector<CpuTicks> cpus;
    std::ifstream file("/proc/stat");
    for (std::string line; std::getline(file, line);) {
        if (line.rfind("cpu", 0) != 0 || line.size() < 4 || line[3] == ' ') continue;
        std::istringstream fields(line);
        std::string name;
        long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                  steal = 0;
        fields >> name >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
        long long busy = user + nice + system + irq + softirq + steal;
        cpus.push_back(CpuTicks{busy, busy + idle + iowait});
    }
    return cpus;
}

std::string machine_busy_between(const std::vector<CpuTicks>& before,
                                 const std::vector<CpuTicks>& after) {
    std::string text;
    for (std::size_t cpu = 0; cpu < before.size() && cpu < after.size(); ++cpu) {
        long long total = after[cpu].total - before[cpu].total;
        long long busy = after[cpu].busy - before[cpu].busy;
        long long percent = total > 0 ? (100 * busy + total / 2) / total : 0;
        if (!text.empty()) text += ", ";
        text += "cpu" + std::to_string(cpu) + " " + std::to_string(percent) + " %";
    }
    return text;
}

}  // namespace parley::bench
