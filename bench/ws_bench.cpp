// ws_bench: a load generator for parleyd's WebSocket API and for IRC servers.
// It starts its own server on 127.0.0.1, drives it, prints figures and stops
// it. See README.md.
#include <sched.h>
#include <sys/resource.h>

#include <cstdio>
#include <exception>
#include <vector>

#include "options.hpp"
#include "scenarios.hpp"

namespace {

using parley::bench::Pinning;
using parley::bench::Placement;

// Connections need a descriptor each, in the bench and in the server (which
// inherits the limit): raise the soft limit to the hard one.
rlim_t raise_descriptor_limit() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

std::vector<int> allowed_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
    }
    return cpus;
}

// The server gets the first allowed CPU; the bench, before it starts any
// thread, the others, so the two don't compete (with one CPU they share it).
Placement place(Pinning pinning, std::size_t threads) {
    Placement placement;
    std::string bench = std::to_string(threads) + " bench thread(s)";
    std::vector<int> cpus = allowed_cpus();
    if (pinning == Pinning::off || cpus.empty()) {
        placement.description = "not pinned; " + bench;
        return placement;
    }
    placement.server_cpu = cpus.front();
    placement.description = "server on CPU " + std::to_string(cpus.front());
    if (cpus.size() == 1) {
        placement.description += ", bench on the same CPU (no other allowed); " + bench;
        return placement;
    }
    cpu_set_t rest;
    CPU_ZERO(&rest);
    std::string list;
    for (std::size_t i = 1; i < cpus.size(); ++i) {
        CPU_SET(cpus[i], &rest);
        if (!list.empty()) list += ',';
        list += std::to_string(cpus[i]);
    }
    sched_setaffinity(0, sizeof rest, &rest);
    placement.description += ", bench on CPU " + list + "; " + bench;
    return placement;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace parley::bench;
    BenchOptions options = parse_options(argc, argv);
    rlim_t descriptors = raise_descriptor_limit();
    Placement placement = place(options.pinning, options.threads);
    std::printf("ws_bench %s: %s; descriptor limit %llu\n", scenario_name(options.scenario),
                placement.description.c_str(), static_cast<unsigned long long>(descriptors));
    std::fflush(stdout);
    try {
        bool irc = options.protocol == Protocol::irc;
        switch (options.scenario) {
            case Scenario::fanout:
            case Scenario::rooms:
                return irc ? run_irc_fanout(options, placement) : run_fanout(options, placement);
            case Scenario::idle:
                return irc ? run_irc_idle(options, placement) : run_idle(options, placement);
            case Scenario::history:
                return run_history(options, placement);
            case Scenario::reconnect:
                return irc ? run_irc_reconnect(options, placement)
                           : run_reconnect(options, placement);
        }
        return exit_failed;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "ws_bench: FAILED: %s\n", error.what());
        return exit_failed;
    }
}
