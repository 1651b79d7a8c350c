// Collects a server's log lines so the net tests can check what it reported.
#pragma once

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
    // Whether any line so far contains `needle`.
    bool logged(std::string_view needle) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace parley::net::testing
