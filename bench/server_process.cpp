#include "server_process.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <fstream>
#include <stdexcept>

namespace parley::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view loopback = "127.0.0.1";

// The value of `key=` in a key=value log line, without quotes.
std::string field_of(const std::string& line, std::string_view key) {
    std::string needle(1, ' ');
    needle.append(key).append(1, '=');
    auto start = line.find(needle);
    if (start == std::string::npos) return {};
    start += needle.size();
    auto end = line.find(' ', start);
    std::string value = line.substr(start, end == std::string::npos ? end : end - start);
    if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
    return value;
}

// The level is the second word: "2026-01-01T00:00:00.000Z info event=...".
bool is_complaint(const std::string& line) {
    auto first = line.find(' ');
    if (first == std::string::npos) return false;
    auto second = line.find(' ', first + 1);
    std::string level = line.substr(first + 1, second - first - 1);
    return level != "info" && level != "debug" && level != "trace";
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "status " + std::to_string(status);
}

}  // namespace

ServerProcess::ServerProcess(const ServerCommand& command, std::chrono::seconds timeout)
    : command_(command), want_irc_(command.irc) {
    start(timeout);
}

ServerExit ServerProcess::restart(std::chrono::seconds stop_timeout,
                                  std::chrono::seconds start_timeout) {
    ServerExit first = stop(stop_timeout);
    {
        std::lock_guard lock(mutex_);
        command_.http_port = port_;
        command_.irc_port = irc_port_;
        port_ = irc_port_ = 0;
    }
    pid_ = -1;
    status_.reset();
    start(start_timeout);
    return first;
}

void ServerProcess::start(std::chrono::seconds timeout) {
    spawn(command_);
    try {
        wait_listening(timeout);
    } catch (const std::exception& error) {
        stop(std::chrono::seconds(5));
        std::string message = error.what();
        message += "; the server's last lines:";
        for (const auto& line : tail(20)) message += "\n    " + line;
        throw std::runtime_error(message);
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0 && !status_) stop(std::chrono::seconds(5));
    if (reader_.joinable()) reader_.join();
}

namespace {

// Everything the child needs, built before fork: after it, only
// async-signal-safe calls until exec.
struct ChildPlan {
    explicit ChildPlan(const ServerCommand& command)
        : args{command.binary,
               "--data",
               command.data.string(),
               "--http",
               "127.0.0.1:" + std::to_string(command.http_port),
               "--irc",
               command.irc ? "127.0.0.1:" + std::to_string(command.irc_port) : "off",
               "--guests",
               command.irc ? "on" : "off",
               "--limits",
               "off",
               "--shards",
               std::to_string(command.shards)},
          exec_failure("ws_bench: could not execute " + command.binary + "\n"),
          pin(command.cpu.has_value()) {
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        CPU_ZERO(&cpus);
        if (command.cpu) CPU_SET(*command.cpu, &cpus);
    }

    std::vector<std::string> args;
    std::vector<char*> argv;
    std::string exec_failure;
    bool pin;
    cpu_set_t cpus;
};

[[noreturn]] void become_server(ChildPlan& plan, int log_fd, pid_t parent) {
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, 0);
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the bench
    if (getppid() != parent) _exit(126);
    if (plan.pin && sched_setaffinity(0, sizeof plan.cpus, &plan.cpus) != 0) _exit(125);
    execv(plan.argv[0], plan.argv.data());
    [[maybe_unused]] auto ignored = write(2, plan.exec_failure.data(), plan.exec_failure.size());
    _exit(127);
}

}  // namespace

void ServerProcess::spawn(const ServerCommand& command) {
    if (access(command.binary.c_str(), X_OK) != 0) {
        throw std::runtime_error("no executable parleyd at \"" + command.binary +
                                 "\" (see --parleyd)");
    }
    ChildPlan plan(command);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    pid_t parent = getpid();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) become_server(plan, fds[1], parent);
    close(fds[1]);
    reader_ = std::thread([this, fd = fds[0]] { read_log(fd); });
}

void ServerProcess::read_log(int fd) {
    std::string pending;
    char chunk[4096];
    for (;;) {
        ssize_t size = read(fd, chunk, sizeof chunk);
        if (size < 0 && errno == EINTR) continue;
        if (size <= 0) break;
        pending.append(chunk, static_cast<std::size_t>(size));
        for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
            take_line(pending.substr(0, end));
            pending.erase(0, end + 1);
        }
    }
    if (!pending.empty()) take_line(std::move(pending));
    close(fd);
}

namespace {

// The port of "127.0.0.1:PORT", or 0 for anything else.
std::uint16_t loopback_port(const std::string& address) {
    auto colon = address.rfind(':');
    std::uint16_t port = 0;
    if (colon == std::string::npos || address.substr(0, colon) != loopback) return 0;
    std::from_chars(address.data() + colon + 1, address.data() + address.size(), port);
    return port;
}

}  // namespace

void ServerProcess::take_line(std::string line) {
    std::lock_guard lock(mutex_);
    if (listen_error_.empty() && line.find(" event=listening") != std::string::npos) {
        std::string proto = field_of(line, "proto");
        std::string address = field_of(line, "address");
        std::uint16_t* slot = proto == "http" ? &port_ : proto == "irc" ? &irc_port_ : nullptr;
        if (slot != nullptr && *slot == 0) {
            *slot = loopback_port(address);
            if (*slot == 0) {
                listen_error_ = "the server listens on \"" + address + "\", not on 127.0.0.1:PORT";
            }
            listening_.notify_all();
        }
    }
    lines_.push_back(std::move(line));
}

void ServerProcess::wait_listening(std::chrono::seconds timeout) {
    auto deadline = Clock::now() + timeout;
    std::unique_lock lock(mutex_);
    while ((port_ == 0 || (want_irc_ && irc_port_ == 0)) && listen_error_.empty()) {
        lock.unlock();
        if (reap(WNOHANG)) {
            throw std::runtime_error("parleyd ended before listening (" +
                                     describe_status(*status_) + ")");
        }
        lock.lock();
        if (Clock::now() > deadline) {
            throw std::runtime_error("parleyd did not log event=listening (http, irc) within " +
                                     std::to_string(timeout.count()) + " s");
        }
        listening_.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (!listen_error_.empty()) throw std::runtime_error(listen_error_);
}

bool ServerProcess::reap(int options) {
    if (status_) return true;
    int status = 0;
    pid_t done = waitpid(pid_, &status, options);
    if (done == pid_) status_ = status;
    return status_.has_value();
}

bool ServerProcess::running() { return !reap(WNOHANG); }

ServerExit ServerProcess::stop(std::chrono::seconds timeout) {
    auto start = Clock::now();
    if (!reap(WNOHANG)) {
        kill(pid_, SIGTERM);
        while (!reap(WNOHANG) && Clock::now() - start < timeout) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ServerExit result;
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!status_) {
        kill(pid_, SIGKILL);
        reap(0);
        result.description =
            "still running " + std::to_string(timeout.count()) + " s after SIGTERM; killed";
    } else {
        result.clean = WIFEXITED(*status_) && WEXITSTATUS(*status_) == 0;
        result.description = describe_status(*status_);
    }
    if (reader_.joinable()) reader_.join();
    return result;
}

std::vector<std::string> ServerProcess::complaints() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> found;
    for (const auto& line : lines_) {
        if (is_complaint(line)) found.push_back(line);
    }
    return found;
}

std::vector<std::string> ServerProcess::tail(std::size_t count) const {
    std::lock_guard lock(mutex_);
    auto first =
        lines_.size() > count ? lines_.end() - static_cast<std::ptrdiff_t>(count) : lines_.begin();
    return {first, lines_.end()};
}

std::size_t ServerProcess::lines_containing(std::string_view text) const {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (const auto& line : lines_) count += line.find(text) != std::string::npos ? 1 : 0;
    return count;
}

void ServerProcess::save_log(const std::filesystem::path& path) const {
    std::lock_guard lock(mutex_);
    std::ofstream file(path);
    for (const auto& line : lines_) file << line << '\n';
}

}  // namespace parley::bench
