// What the IRC scenarios need: the server under test (parleyd with its IRC
// gateway and guests, or a peer IRC server from bench/peers/), pinned when
// asked, on a free 127.0.0.1 port; the bench's threads; clients registered
// under plain nicks ("bn<i>"), optionally in one channel; an orderly end.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "harness.hpp"
#include "irc_connection.hpp"
#include "server_process.hpp"
#include "workers.hpp"

namespace parley::bench {

enum class Target { parley, ngircd, inspircd };
const char* target_name(Target target);

struct IrcHarnessOptions {
    Target target = Target::parley;
    std::string binary;     // parleyd, ngircd or inspircd
    std::string peers_dir;  // where <target>.conf.in lives
    int shards = 1;
    std::optional<int> server_cpu;
    std::size_t threads = 1;
    std::size_t connect_concurrency = 64;
    unsigned source_addresses = 8;  // clients connect from 127.0.0.1 .. 127.0.0.N
    std::string server_log;
};

class IrcHarness {
public:
    using OnOpen = std::function<void(std::size_t index, std::shared_ptr<IrcConnection>)>;
    // The channel client i joins; empty: none.
    using ChannelOf = std::function<std::string(std::size_t index)>;

    explicit IrcHarness(const IrcHarnessOptions& options);
    ~IrcHarness();
    IrcHarness(const IrcHarness&) = delete;
    IrcHarness& operator=(const IrcHarness&) = delete;

    pid_t server_pid() const;
    bool server_running();
    Workers& workers() { return *workers_; }
    const std::atomic<bool>& stopping() const { return stopping_; }
    std::vector<std::string> complaints() const;

    // Client i registers as "bn<i>" (NICK, USER; 001), then, when
    // channel_of(i) is not empty, joins it (366). on_open runs on the client's thread.
    OpenStats open_clients(std::size_t count, ChannelOf channel_of, OnOpen on_open);
    // SIGTERM to the server, waits for it and for the bench's threads. Once.
    ServerExit stop();

private:
    void start_peer();
    ServerExit stop_peer();

    IrcHarnessOptions options_;
    std::filesystem::path directory_;
    std::unique_ptr<ServerProcess> parley_;
    pid_t peer_pid_ = -1;
    std::uint16_t port_ = 0;
    std::optional<int> peer_status_;
    std::unique_ptr<Workers> workers_;
    std::atomic<bool> stopping_{false};
    std::optional<ServerExit> exit_;
};

}  // namespace parley::bench
