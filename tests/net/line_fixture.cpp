#include "line_fixture.hpp"

namespace parley::net::testing {

namespace {

Frame line_frame(std::string_view text) { return make_frame(std::string(text) + "\r\n"); }

}  // namespace

void FakeLines::on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) {
    track_open(std::move(connection), peer);
}

void FakeLines::on_line(ConnId id, std::string line) {
    record(id, "line " + line);
    auto connection = this->connection(id);
    if (connection) answer(id, connection, std::move(line));
}

void FakeLines::on_line_too_long(ConnId id) {
    record(id, "too long");
    if (auto connection = this->connection(id)) connection->send(line_frame("too long"));
}

void FakeLines::on_close(ConnId id) { track_close(id); }

void FakeLines::answer(ConnId id, const std::shared_ptr<Connection>& connection, std::string line) {
    if (line == "auth") {
        connection->set_authenticated();
        connection->send(line_frame("authenticated"));
    } else if (line == "quit") {
        for (const char* word : {"one", "two", "three"}) connection->send(line_frame(word));
        connection->close(0, "");
        connection->send(line_frame("after close"));  // ignored
    } else if (line == "find") {
        connection->send(line_frame(shards().find(id) == connection.get() ? "found" : "missing"));
    } else if (line.starts_with("burst ")) {
        int count = std::stoi(line.substr(6));
        for (int i = 0; i < count; ++i) connection->send(line_frame("burst " + std::to_string(i)));
    } else if (line == "flood") {
        flood(id, connection, line_frame(std::string(16 * 1024, 'x')), 1 << 16);
    } else {
        connection->send(line_frame(line));
    }
}

LineServerFixture::LineServerFixture(LineServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = log.sink();
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

}  // namespace parley::net::testing
