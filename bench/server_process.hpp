// The parleyd under test: a child process on a fresh data directory, pinned to
// one CPU when asked, its log collected line by line. Never listens anywhere
// but 127.0.0.1: the bench refuses any other address it logs.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace parley::bench {

struct ServerCommand {
    std::string binary;
    std::filesystem::path data;
    int shards = 1;
    std::optional<int> cpu;  // pin every thread of the server to this CPU
    bool irc = false;        // also the IRC gateway on 127.0.0.1:0, with --guests on
    std::uint16_t http_port = 0;  // 0: a free one (restart() uses the first run's)
    std::uint16_t irc_port = 0;
};

struct ServerExit {
    bool clean = false;  // exited by itself with status 0
    std::string description;
    double seconds = 0;  // from SIGTERM to exit
};

class ServerProcess {
public:
    // Starts the server and waits for its "event=listening proto=http" line
    // (and proto=irc when asked).
    // Throws with the log's tail when it exits or stays silent past `timeout`.
    ServerProcess(const ServerCommand& command, std::chrono::seconds timeout);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    pid_t pid() const { return pid_; }
    std::uint16_t port() const { return port_; }
    std::uint16_t irc_port() const { return irc_port_; }  // 0 without ServerCommand::irc
    bool running();

    // SIGTERM, then waits up to `timeout`; past it SIGKILL.
    ServerExit stop(std::chrono::seconds timeout);
    // stop(), then the same command on the same data and ports; returns how
    // the first run ended. Throws like the constructor when it doesn't listen.
    ServerExit restart(std::chrono::seconds stop_timeout, std::chrono::seconds start_timeout);

    // Lines not logged at info (or lower) level: warnings, errors.
    std::vector<std::string> complaints() const;
    std::vector<std::string> tail(std::size_t count) const;
    std::size_t lines_containing(std::string_view text) const;
    void save_log(const std::filesystem::path& path) const;

private:
    void spawn(const ServerCommand& command);
    void start(std::chrono::seconds timeout);
    void read_log(int fd);
    void take_line(std::string line);
    void wait_listening(std::chrono::seconds timeout);
    bool reap(int options);

    ServerCommand command_;
    pid_t pid_ = -1;
    std::optional<int> status_;  // set once reaped
    std::uint16_t port_ = 0;
    std::uint16_t irc_port_ = 0;
    bool want_irc_ = false;
    std::string listen_error_;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::condition_variable listening_;
    std::vector<std::string> lines_;
};

}  // namespace parley::bench
