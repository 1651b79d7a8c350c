// Fake handlers and a running server for the net tests.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "fake_connections.hpp"
#include "log_capture.hpp"
#include "net/http_server.hpp"
#include "net/shards.hpp"

namespace parley::net::testing {

// Answers every request from another thread, as a route doing blocking work would:
// 201, the body "METHOD TARGET BODY" and an x-echo-target header. "/throw" throws.
class FakeHttp final : public HttpHandler {
public:
    ~FakeHttp() override;
    std::size_t body_limit(const HttpRequest& head) const override;
    void handle(HttpRequest request, std::function<void(HttpResponse)> respond) override;
    std::vector<HttpRequest> requests() const;

    std::size_t limit = 1024;

private:
    mutable std::mutex mutex_;
    std::vector<HttpRequest> requests_;
    std::vector<std::thread> workers_;
};

// Echoes text frames, except for a few commands:
//   "auth"  set_authenticated(), then "authenticated"
//   "ban"   "one", "two", "three", then close(4003, "banned")
//   "find"  "found" when Shards::find returns this connection
//   "flood" 16 KiB frames, one per task, until the connection closes
class FakeWs final : public WsHandler, public FakeConnections {
public:
    explicit FakeWs(Shards& shards) : FakeConnections(shards) {}

    void on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) override;
    void on_text(ConnId id, std::string text) override;
    void on_close(ConnId id) override;
};

// Shards(2) and an HttpServer on 127.0.0.1, port 0, with the fakes above.
class ServerFixture {
public:
    explicit ServerFixture(ServerOptions options = {});
    ~ServerFixture();

    std::string address() const { return server->local_address(); }
    bool logged(std::string_view needle) const { return log.logged(needle); }

    LogCapture log;
    Shards shards{2};
    FakeHttp http;
    FakeWs ws{shards};
    std::unique_ptr<HttpServer> server;
};

}  // namespace parley::net::testing
