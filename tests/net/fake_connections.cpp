#include "fake_connections.hpp"

namespace parley::net::testing {

std::vector<ConnId> FakeConnections::wait_opened(std::size_t count,
                                                 std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return opened_.size() >= count; });
    return opened_;
}

bool FakeConnections::wait_closed(ConnId id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return close_counts_.contains(id); });
}

std::vector<std::string> FakeConnections::events(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = events_.find(id);
    return found == events_.end() ? std::vector<std::string>{} : found->second;
}

std::shared_ptr<Connection> FakeConnections::connection(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = connections_.find(id);
    return found == connections_.end() ? nullptr : found->second;
}

int FakeConnections::close_count(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = close_counts_.find(id);
    return found == close_counts_.end() ? 0 : found->second;
}

bool FakeConnections::registry_consistent() const {
    std::lock_guard lock(mutex_);
    return registry_consistent_;
}

std::string FakeConnections::last_peer() const {
    std::lock_guard lock(mutex_);
    return last_peer_;
}

// The server registers a connection before on_open and unregisters it before
// on_close; a mismatch at either point is what registry_consistent() reports.
void FakeConnections::track_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) {
    std::lock_guard lock(mutex_);
    ConnId id = connection->id();
    if (shards_.find(id) != connection.get()) registry_consistent_ = false;
    opened_.push_back(id);
    connections_[id] = std::move(connection);
    last_peer_ = peer.address;
    changed_.notify_all();
}

void FakeConnections::track_close(ConnId id) {
    std::lock_guard lock(mutex_);
    if (shards_.find(id) != nullptr) registry_consistent_ = false;
    ++close_counts_[id];
    connections_.erase(id);
    changed_.notify_all();
}

void FakeConnections::record(ConnId id, std::string event) {
    std::lock_guard lock(mutex_);
    events_[id].push_back(std::move(event));
    changed_.notify_all();
}

// One frame per task, so the writer gets to run between them and only a reader
// that does not keep up lets the queue grow.
void FakeConnections::flood(ConnId id, std::shared_ptr<Connection> connection, Frame frame,
                            int left) {
    if (left == 0 || closed(id)) return;
    connection->send(frame);
    shards_.post(Shards::shard_of(id),
                 [this, id, connection, frame, left] { flood(id, connection, frame, left - 1); });
}

bool FakeConnections::closed(ConnId id) const {
    std::lock_guard lock(mutex_);
    return close_counts_.contains(id);
}

}  // namespace parley::net::testing
