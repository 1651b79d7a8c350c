// Collects a server's log lines so the net tests can check what it reported.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace parley::net::testing {

// The server logs from every shard while the test thread reads, hence the lock.
class LogCapture {
public:
    // For the server options' `log`; this capture must outlive the server.
    std::function<void(std::string_view)> sink();
    // Whether a line containing `needle` is logged within `timeout`. A server
    // may log just after the client has seen the effect (a close, say), so a
    // check that looked only once would race with it.
    bool logged(std::string_view needle,
                std::chrono::milliseconds timeout = std::chrono::seconds(2)) const;

private:
    bool has_line(std::string_view needle) const;  // under mutex_

    mutable std::mutex mutex_;
    mutable std::condition_variable added_;
    std::vector<std::string> lines_;
};

}  // namespace parley::net::testing
