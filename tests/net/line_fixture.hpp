// A fake line handler and a running LineServer for the net tests.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "net/line_server.hpp"
#include "net/shards.hpp"
#include "test_client.hpp"

namespace parley::net::testing {

// Records every call and echoes each line back with "\r\n", except for a few
// commands:
//   "auth"     set_authenticated(), then "authenticated"
//   "quit"     "one", "two", "three", then close(), then "after close" (ignored)
//   "find"     "found" when Shards::find returns this connection
//   "burst N"  N lines "burst 0" to "burst N-1", all queued at once
//   "flood"    16 KiB lines, one per task, until the connection closes
// An over-long line is answered with "too long".
class FakeLines final : public LineHandler {
public:
    explicit FakeLines(Shards& shards) : shards_(shards) {}

    void on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) override;
    void on_line(ConnId id, std::string line) override;
    void on_line_too_long(ConnId id) override;
    void on_close(ConnId id) override;

    // Waits until `count` connections have opened; returns their ids in order.
    std::vector<ConnId> wait_opened(std::size_t count,
                                    std::chrono::milliseconds timeout = io_timeout);
    bool wait_closed(ConnId id, std::chrono::milliseconds timeout = io_timeout);
    // The calls for this connection in order: "line TEXT" or "too long".
    std::vector<std::string> events(ConnId id) const;
    std::shared_ptr<Connection> connection(ConnId id) const;
    int close_count(ConnId id) const;
    bool registry_consistent() const;
    std::string last_peer() const;

private:
    void answer(ConnId id, const std::shared_ptr<Connection>& connection, std::string line);
    void flood(ConnId id, std::shared_ptr<Connection> connection, Frame frame, int left);
    bool closed(ConnId id) const;

    Shards& shards_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<ConnId> opened_;
    std::map<ConnId, std::shared_ptr<Connection>> connections_;
    std::map<ConnId, std::vector<std::string>> events_;
    std::map<ConnId, int> close_counts_;
    bool registry_consistent_ = true;
    std::string last_peer_;
};

// Shards(2) and a LineServer on 127.0.0.1, port 0, with the fake above.
class LineServerFixture {
public:
    explicit LineServerFixture(LineServerOptions options = {});
    ~LineServerFixture();

    std::string address() const { return server->local_address(); }
    bool logged(std::string_view needle) const;

    mutable std::mutex log_mutex;
    std::vector<std::string> log_lines;
    Shards shards{2};
    FakeLines lines{shards};
    std::unique_ptr<LineServer> server;
};

}  // namespace parley::net::testing
