#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "net/connection.hpp"

namespace parley::net {

struct PeerInfo {
    std::string address;  // remote IP address, without the port
};

// An HTTP request as the routes see it: no Beast types leak past net.
struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
    std::string body;
    PeerInfo peer;

    // The first header of that (lowercase) name, or empty.
    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key == name) return value;
        }
        return {};
    }
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, the body is this file, streamed from disk instead of `body`
    // (downloads stay out of memory). A file that can't be opened answers 404.
    std::string body_file;
};

// Implemented by the HTTP routes. `respond` may be called from any thread,
// exactly once; net carries the response back to the connection's shard.
class HttpHandler {
public:
    virtual ~HttpHandler() = default;
    // Largest body accepted for this request head (method, target, headers).
    // Larger bodies are refused with 413 before they are read.
    virtual std::size_t body_limit(const HttpRequest& head) const = 0;
    virtual void handle(HttpRequest request, std::function<void(HttpResponse)> respond) = 0;
};

// Implemented by the WebSocket protocol adapter. All calls arrive on the
// connection's shard thread; on_close is called exactly once per on_open.
class WsHandler {
public:
    virtual ~WsHandler() = default;
    virtual void on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) = 0;
    virtual void on_text(ConnId connection, std::string text) = 0;
    virtual void on_close(ConnId connection) = 0;
};

// Implemented by a line protocol adapter (IRC). Calls arrive on the connection's shard thread;
// on_close exactly once per on_open.
class LineHandler {
public:
    virtual ~LineHandler() = default;
    virtual void on_open(std::shared_ptr<Connection> connection, const PeerInfo& peer) = 0;
    virtual void on_line(ConnId connection, std::string line) = 0;  // without "\r\n" / "\n"
    virtual void on_line_too_long(ConnId connection) = 0;  // the rest of that line was dropped
    virtual void on_close(ConnId connection) = 0;
};

}  // namespace parley::net
