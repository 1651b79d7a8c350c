// A fake line handler and a running LineServer for the net tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "fake_connections.hpp"
#include "log_capture.hpp"
#include "net/line_server.hpp"
#include "net/shards.hpp"

namespace parley::net::testing {

// Records every call and echoes each line back with "\r\n", except for a few
// commands:
//   "auth"     set_authenticated(), then "authenticated"
//   "quit"     "one", "two", "three", then close(), then "after close" (ignored)
//   "find"     "found" when Shards::find returns this connection
//   "burst N"  N lines "burst 0" to "burst N-1", all queued at once
//   "flood"    16 KiB lines, one per task, until the connection closes
// An over-long line is answered with "too long".
class FakeLines final : public LineHandler, public FakeConnections {
public:
    explicit FakeLines(Shards& shards) : FakeConnections(shards) {}

    void on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) override;
    // These two record "line TEXT" and "too long" for events().
    void on_line(ConnId id, std::string line) override;
    void on_line_too_long(ConnId id) override;
    void on_close(ConnId id) override;

private:
    void answer(ConnId id, const std::shared_ptr<Connection>& connection, std::string line);
};

// Shards(2) and a LineServer on 127.0.0.1, port 0, with the fake above.
class LineServerFixture {
public:
    explicit LineServerFixture(LineServerOptions options = {});
    ~LineServerFixture();

    std::string address() const { return server->local_address(); }
    bool logged(std::string_view needle) const { return log.logged(needle); }

    LogCapture log;
    Shards shards{2};
    FakeLines lines{shards};
    std::unique_ptr<LineServer> server;
};

}  // namespace parley::net::testing
