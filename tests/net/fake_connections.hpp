// Connection bookkeeping shared by the fake handlers of the net tests.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/handlers.hpp"
#include "net/shards.hpp"
#include "test_client.hpp"

namespace parley::net::testing {

// What a fake handler saw of its connections, for the tests to wait on and check:
// opens, closes (counted, so a double close shows), the peer, the calls recorded
// per connection, and whether Shards::find agreed with each open and close. The
// server calls in from every shard while the test thread waits, hence the lock.
// A fake handler derives from this and forwards on_open and on_close to it.
class FakeConnections {
public:
    explicit FakeConnections(Shards& shards) : shards_(shards) {}

    // Waits until `count` connections have opened; returns their ids in order.
    std::vector<ConnId> wait_opened(std::size_t count,
                                    std::chrono::milliseconds timeout = io_timeout);
    bool wait_closed(ConnId id, std::chrono::milliseconds timeout = io_timeout);
    // The calls recorded for this connection, in order (see record()).
    std::vector<std::string> events(ConnId id) const;
    std::shared_ptr<Connection> connection(ConnId id) const;
    int close_count(ConnId id) const;
    bool registry_consistent() const;
    std::string last_peer() const;

protected:
    // Only the fakes own one; they are never deleted through this type.
    ~FakeConnections() = default;

    void track_open(std::shared_ptr<Connection> connection, const PeerInfo& peer);
    void track_close(ConnId id);
    void record(ConnId id, std::string event);
    // Sends `frame` up to `left` times, one per task, until the connection closes.
    void flood(ConnId id, std::shared_ptr<Connection> connection, Frame frame, int left);
    Shards& shards() const { return shards_; }

private:
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

}  // namespace parley::net::testing
