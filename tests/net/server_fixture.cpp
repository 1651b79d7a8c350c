#include "server_fixture.hpp"

namespace parley::net::testing {

FakeHttp::~FakeHttp() {
    for (auto& worker : workers_) worker.join();
}

std::size_t FakeHttp::body_limit(const HttpRequest&) const { return limit; }

void FakeHttp::handle(HttpRequest request, std::function<void(HttpResponse)> respond) {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (request.target == "/throw") throw std::runtime_error("route failed");
    workers_.emplace_back([request = std::move(request), respond = std::move(respond)] {
        HttpResponse response;
        response.status = 201;
        response.headers.emplace_back("x-echo-target", request.target);
        response.body = request.method + " " + request.target + " " + request.body;
        respond(std::move(response));
    });
}

std::vector<HttpRequest> FakeHttp::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void FakeWs::on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) {
    std::lock_guard lock(mutex_);
    ConnId id = connection->id();
    if (shards_.find(id) != connection.get()) registry_consistent_ = false;
    opened_.push_back(id);
    connections_[id] = std::move(connection);
    last_peer_ = peer.address;
    changed_.notify_all();
}

void FakeWs::on_text(ConnId id, std::string text) {
    auto connection = this->connection(id);
    if (!connection) return;
    if (text == "auth") {
        connection->set_authenticated();
        connection->send(make_frame("authenticated"));
    } else if (text == "ban") {
        for (const char* word : {"one", "two", "three"}) connection->send(make_frame(word));
        connection->close(4003, "banned");
        connection->send(make_frame("after close"));  // ignored
    } else if (text == "find") {
        connection->send(make_frame(shards_.find(id) == connection.get() ? "found" : "missing"));
    } else if (text == "flood") {
        flood(id, connection, make_frame(std::string(16 * 1024, 'x')), 1 << 16);
    } else {
        connection->send(make_frame(std::move(text)));
    }
}

void FakeWs::on_close(ConnId id) {
    std::lock_guard lock(mutex_);
    if (shards_.find(id) != nullptr) registry_consistent_ = false;
    ++close_counts_[id];
    connections_.erase(id);
    changed_.notify_all();
}

// One frame per task, so the writer gets to run between them and only a reader
// that does not keep up lets the queue grow.
void FakeWs::flood(ConnId id, std::shared_ptr<Connection> connection, Frame frame, int left) {
    if (left == 0 || closed(id)) return;
    connection->send(frame);
    shards_.post(Shards::shard_of(id),
                 [this, id, connection, frame, left] { flood(id, connection, frame, left - 1); });
}

bool FakeWs::closed(ConnId id) const {
    std::lock_guard lock(mutex_);
    return close_counts_.contains(id);
}

std::vector<ConnId> FakeWs::wait_opened(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return opened_.size() >= count; });
    return opened_;
}

bool FakeWs::wait_closed(ConnId id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return close_counts_.contains(id); });
}

std::shared_ptr<Connection> FakeWs::connection(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = connections_.find(id);
    return found == connections_.end() ? nullptr : found->second;
}

int FakeWs::close_count(ConnId id) const {
    std::lock_guard lock(mutex_);
    auto found = close_counts_.find(id);
    return found == close_counts_.end() ? 0 : found->second;
}

bool FakeWs::registry_consistent() const {
    std::lock_guard lock(mutex_);
    return registry_consistent_;
}

std::string FakeWs::last_peer() const {
    std::lock_guard lock(mutex_);
    return last_peer_;
}

ServerFixture::ServerFixture(ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = [this](std::string_view line) {
        std::lock_guard lock(log_mutex);
        log_lines.emplace_back(line);
    };
    server = std::make_unique<HttpServer>(shards, http, ws, std::move(options));
    server->start();
    shards.start();
}

// Stop the shards before the fakes go: a flood task may still be queued.
ServerFixture::~ServerFixture() {
    server->stop();
    shards.stop();
    shards.join();
}

bool ServerFixture::logged(std::string_view needle) const {
    std::lock_guard lock(log_mutex);
    for (const auto& line : log_lines) {
        if (line.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace parley::net::testing
