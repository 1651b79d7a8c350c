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
    track_open(std::move(connection), peer);
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
        connection->send(make_frame(shards().find(id) == connection.get() ? "found" : "missing"));
    } else if (text == "flood") {
        flood(id, connection, make_frame(std::string(16 * 1024, 'x')), 1 << 16);
    } else {
        connection->send(make_frame(std::move(text)));
    }
}

void FakeWs::on_close(ConnId id) { track_close(id); }

ServerFixture::ServerFixture(ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = log.sink();
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

}  // namespace parley::net::testing
