#include "line_fixture.hpp"

namespace parley::net::testing {

namespace {

Frame line_frame(std::string_view text) { return make_frame(std::string(text) + "\r\n"); }

}  // namespace

void FakeLines::on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) {
    std::lock_guard lock(mutex_);
    ConnId id = connection->id();
    if (shards_.find(id) != connection.get()) registry_consistent_ = false;
    opened_.push_back(id);
    connections_[id] = std::move(connection);
    last_peer_ = peer.address;
    changed_.notify_all();
}

void FakeLines::on_line(ConnId id, std::string line) {
    {
        std::lock_guard lock(mutex_);
        events_[id].push_back("line " + line);
        changed_.notify_all();
    }
    auto connection = this->connection(id);
    if (connection) answer(id, connection, std::move(line));
}

void FakeLines::on_line_too_long(ConnId id) {
    {
        std::lock_guard lock(mutex_);
        events_[id].push_back("too long");
        changed_.notify_all();
    }
    if (auto connection = this->connection(id)) connection->send(line_frame("too long"));
}

void FakeLines::on_close(ConnId id) {
    std::lock_guard lock(mutex_);
    if (shards_.find(id) != nullptr) registry_consistent_ = false;
    ++close_counts_[id];
    connections_.erase(id);
    changed_.notify_all();
}

void FakeLines::answer(ConnId id, const std::shared_ptr<Connection>& connection, std::string line) {
    if (line == "auth") {
        connection->set_authenticated();
        connection->send(line_frame("authenticated"));
    } else if (line == "quit") {
        for (const char* word : {"one", "two", "three"}) connection->send(line_frame(word));
        connection->close(0, "");
        connection->send(line_frame("after close"));  // ignored
    } else if (line == "find") {
        connection->send(line_frame(shards_.find(id) == connection.get() ? "found" : "missing"));
    } else if (line.starts_with("burst ")) {
        int count = std::stoi(line.substr(6));
        for (int i = 0; i < count; ++i) connection->send(line_frame("burst " + std::to_string(i)));
    } else if (line == "flood") {
        flood(id, connection, line_frame(std::string(16 * 1024, 'x')), 1 << 16);
    } else {
        connection->send(line_frame(line));
    }
}

// One line per task, so the writer gets to run between them and only a reader
// that does not keep up lets the queue grow.
void FakeLines::flood(ConnId id, std::shared_ptr<Connection> connection, Frame frame, int left) {
    if (left == 0 || closed(id)) return;
    connection->send(frame);
    shards_.post(Shards::shard_of(id),
                 [this, id, connection, frame, left] { flood(id, connection, frame, left - 1); });
}

bool FakeLines::closed(ConnId id) const {
    std::lock_guard lock(mutex_);
    return close_counts_.contains(id);
}

std::vector<ConnId> FakeLines::wait_opened(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return opened_.size() >= count; });
    return opened_;
}

bool FakeLines::wait_closed(ConnId id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return close_counts_.contains(id); });
}

std::vector<std::string> FakeLines::events(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = events_.find(id);
    return found == events_.end() ? std::vector<std::string>{} : found->second;
}

std::shared_ptr<Connection> FakeLines::connection(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = connections_.find(id);
    return found == connections_.end() ? nullptr : found->second;
}

int FakeLines::close_count(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = close_counts_.find(id);
    return found == close_counts_.end() ? 0 : found->second;
}

bool FakeLines::registry_consistent() const {
    std::lock_guard lock(mutex_);
    return registry_consistent_;
}

std::string FakeLines::last_peer() const {
    std::lock_guard lock(mutex_);
    return last_peer_;
}

LineServerFixture::LineServerFixture(LineServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = [this](std::string_view line) {
        std::lock_guard lock(log_mutex);
        log_lines.emplace_back(line);
    };
    server = std::make_unique<LineServer>(shards, lines, std::move(options));
    server->start();
    shards.start();
}

// Stop the shards before the fake goes: a flood task may still be queued.
LineServerFixture::~LineServerFixture() {
    server->stop();
    shards.stop();
    shards.join();
}

bool LineServerFixture::logged(std::string_view needle) const {
    std::lock_guard lock(log_mutex);
    for (const auto& line : log_lines) {
        if (line.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace parley::net::testing
