#include "irc_harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "connect_retry.hpp"
#include "irc_line.hpp"
#include "task_group.hpp"

namespace parley::bench {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto start_timeout = 15s;
constexpr auto stop_timeout = 15s;
constexpr auto open_timeout = 30s;  // per client: connect, register, join
constexpr std::size_t max_lines_before_done = 20000;

std::filesystem::path make_directory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parley-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// A port nobody listens on now; the peer binds it a moment later.
std::uint16_t free_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        if (fd >= 0) close(fd);
        throw std::runtime_error("no free loopback port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return connected;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "status " + std::to_string(status);
}

// NICK and USER, then lines until 001, then (with a channel) JOIN and lines
// until its 366. A refusal, ERROR or too many lines throws.
asio::awaitable<void> register_one(IrcConnection& connection, std::size_t index,
                                   const std::string& channel) {
    std::string nick = "bn" + std::to_string(index);
    connection.send("NICK " + nick);
    connection.send("USER " + nick + " 0 * :bench");
    std::string_view wanted = "001";
    bool joined = channel.empty();
    for (std::size_t lines = 0; lines < max_lines_before_done; ++lines) {
        std::string text = co_await connection.read_line();
        irc::Line line;
        if (!irc::parse(text, line)) continue;
        bool no_motd = line.command == "422";  // InspIRCd without a MOTD file: harmless
        if ((irc::is_error_numeric(line.command) && !no_motd) || line.command == "ERROR") {
            throw std::runtime_error(nick + " refused: " + text);
        }
        if (line.command != wanted) continue;
        if (joined) co_return;
        connection.send("JOIN " + channel);
        wanted = "366";
        joined = true;
    }
    throw std::runtime_error(nick + ": no " + std::string(wanted) + " within " +
                             std::to_string(max_lines_before_done) + " lines");
}

}  // namespace

const char* target_name(Target target) {
    switch (target) {
        case Target::parley:
            return "parley";
        case Target::ngircd:
            return "ngircd";
        case Target::inspircd:
            return "inspircd";
    }
    return "?";
}

IrcHarness::IrcHarness(const IrcHarnessOptions& options)
    : options_(options), directory_(make_directory()) {
    try {
        if (options.target == Target::parley) {
            ServerCommand command{options.binary, directory_, options.shards, options.server_cpu,
                                  true};
            parley_ = std::make_unique<ServerProcess>(command, start_timeout);
            port_ = parley_->irc_port();
        } else {
            start_peer();
        }
        workers_ = std::make_unique<Workers>(options.threads);
    } catch (...) {
        stop();
        std::filesystem::remove_all(directory_);
        throw;
    }
}

IrcHarness::~IrcHarness() {
    if (!exit_) stop();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void IrcHarness::start_peer() {
    if (access(options_.binary.c_str(), X_OK) != 0) {
        throw std::runtime_error("no executable \"" + options_.binary + "\" (apt-get install " +
                                 target_name(options_.target) + ")");
    }
    std::string name = target_name(options_.target);
    std::ifstream in(std::filesystem::path(options_.peers_dir) / (name + ".conf.in"));
    if (!in) throw std::runtime_error("no " + name + ".conf.in under " + options_.peers_dir);
    std::stringstream text;
    text << in.rdbuf();
    port_ = free_loopback_port();
    auto config = directory_ / (name + ".conf");
    std::ofstream(config) << replace_all(replace_all(text.str(), "@PORT@", std::to_string(port_)),
                                         "@DIR@", directory_.string());
    std::vector<std::string> args{options_.binary};
    if (options_.target == Target::ngircd) {
        args.insert(args.end(), {"-n", "-f", config.string()});
    } else {
        args.insert(args.end(), {"--nofork", "--runasroot", "--config=" + config.string()});
    }
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int log = open((directory_ / "server.log").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    if (options_.server_cpu) CPU_SET(*options_.server_cpu, &cpus);
    pid_t parent = getpid();
    peer_pid_ = fork();
    if (peer_pid_ < 0) throw std::runtime_error("fork failed");
    if (peer_pid_ == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, 0);
        if (log >= 0) dup2(log, 1), dup2(log, 2);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(126);
        if (options_.server_cpu && sched_setaffinity(0, sizeof cpus, &cpus) != 0) _exit(125);
        execv(argv[0], argv.data());
        _exit(127);
    }
    if (log >= 0) close(log);
    auto deadline = Clock::now() + start_timeout;
    while (!accepts(port_)) {
        int status = 0;
        if (waitpid(peer_pid_, &status, WNOHANG) == peer_pid_) {
            peer_status_ = status;
            throw std::runtime_error(name + " ended before listening (" + describe_status(status) +
                                     "); see its log in " + directory_.string());
        }
        if (Clock::now() > deadline) throw std::runtime_error(name + " did not listen in time");
        std::this_thread::sleep_for(50ms);
    }
}

pid_t IrcHarness::server_pid() const { return parley_ ? parley_->pid() : peer_pid_; }

bool IrcHarness::server_running() {
    if (parley_) return parley_->running();
    if (peer_status_) return false;
    int status = 0;
    if (waitpid(peer_pid_, &status, WNOHANG) == peer_pid_) peer_status_ = status;
    return !peer_status_;
}

std::vector<std::string> IrcHarness::complaints() const {
    return parley_ ? parley_->complaints() : std::vector<std::string>{};
}

OpenStats IrcHarness::open_clients(std::size_t count, ChannelOf channel_of, OnOpen on_open) {
    auto began = Clock::now();
    auto next = std::make_shared<std::atomic<std::size_t>>(0);
    std::size_t loops = std::min(count, options_.connect_concurrency);
    auto group = TaskGroup::expect(loops);
    auto shared_open = std::make_shared<OnOpen>(std::move(on_open));
    auto latencies = std::make_shared<std::vector<LatencyHistogram>>(loops);
    unsigned sources = std::max(1u, options_.source_addresses);
    auto retries = std::make_shared<std::atomic<std::size_t>>(0);
    for (std::size_t loop = 0; loop < loops; ++loop) {
        auto body = [port = port_, next, count, channel_of, shared_open, latencies, loop, sources,
                     retries]() -> asio::awaitable<void> {
            for (std::size_t i = (*next)++; i < count; i = (*next)++) {
                auto start = Clock::now();
                // A local, not a temporary: g++ 12 mishandles temporaries in co_await arguments.
                std::string channel;
                if (channel_of) channel = channel_of(i);
                auto attempt = [&]() -> asio::awaitable<std::shared_ptr<IrcConnection>> {
                    auto connection =
                        std::make_shared<IrcConnection>(co_await asio::this_coro::executor);
                    co_await connection->open(port, 1 + static_cast<unsigned>(i % sources),
                                              open_timeout);
                    co_await register_one(*connection, i, channel);
                    co_return connection;
                };
                auto connection = co_await with_connect_retries(attempt, *retries);
                (*latencies)[loop].record(
                    std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start)
                        .count());
                (*shared_open)(i, std::move(connection));
            }
        };
        asio::co_spawn(workers_->context(loop % workers_->size()), body,
                       TaskGroup::completion(group));
    }
    bool finished = group->wait(60s + std::chrono::milliseconds(20 * count));
    if (group->failure_count() > 0) {
        throw std::runtime_error("opening IRC clients: " + std::to_string(group->failure_count()) +
                                 " failed; first: " + group->failures().front());
    }
    if (!finished) throw std::runtime_error("opening IRC clients: not done in time");
    OpenStats stats;
    stats.seconds = std::chrono::duration<double>(Clock::now() - began).count();
    for (const auto& latency : *latencies) stats.latency.merge(latency);
    stats.retries = retries->load();
    return stats;
}

ServerExit IrcHarness::stop_peer() {
    ServerExit result;
    if (peer_pid_ <= 0) return result;
    auto start = Clock::now();
    if (!server_running()) {
        result.description = "had already ended";
        return result;
    }
    kill(peer_pid_, SIGTERM);
    while (server_running() && Clock::now() - start < stop_timeout)
        std::this_thread::sleep_for(10ms);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!peer_status_) {
        kill(peer_pid_, SIGKILL);
        int status = 0;
        waitpid(peer_pid_, &status, 0);
        peer_status_ = status;
        result.description = "still running after SIGTERM; killed";
        return result;
    }
    result.clean = true;  // a peer's exit status on SIGTERM is its own business
    result.description = describe_status(*peer_status_);
    return result;
}

ServerExit IrcHarness::stop() {
    if (exit_) return *exit_;
    stopping_ = true;
    exit_ = parley_ ? parley_->stop(stop_timeout) : stop_peer();
    if (workers_) workers_->finish(5s);
    if (parley_ && !options_.server_log.empty()) parley_->save_log(options_.server_log);
    if (!parley_ && !options_.server_log.empty()) {
        std::error_code ignored;
        std::filesystem::copy_file(directory_ / "server.log", options_.server_log,
                                   std::filesystem::copy_options::overwrite_existing, ignored);
    }
    return *exit_;
}

}  // namespace parley::bench
