// Blocking HTTP, WebSocket and raw line clients for the net tests. Every call is bounded by
// a timeout and throws when it passes. Only test_client.cpp includes Beast.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::net::testing {

inline constexpr std::chrono::milliseconds io_timeout{5000};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
    int status = 0;
    std::string body;
    Headers headers;  // names lowercased
    bool keep_alive = false;

    std::string header(std::string_view name) const;
};

struct HttpCall {
    std::string method = "GET";
    std::string target = "/";
    std::string body;
    Headers headers;
};

// One HTTP/1.1 connection to "HOST:PORT".
class HttpClient {
public:
    explicit HttpClient(const std::string& address);
    ~HttpClient();

    HttpReply request(const HttpCall& call);
    void write_raw(std::string_view bytes);
    HttpReply read_reply();
    // Reads and discards until the server ends the connection: true when it did
    // within the timeout.
    bool closed_by_server(std::chrono::milliseconds timeout = io_timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct WsClientOptions {
    std::string target = "/api/v1/ws";
    std::optional<std::string> origin;
    int receive_buffer_bytes = 0;  // 0 keeps the system default
};

// The server answered the upgrade with an HTTP error.
struct UpgradeRefused : std::runtime_error {
    UpgradeRefused(int status_, std::string body_)
        : std::runtime_error("upgrade refused with " + std::to_string(status_)),
          status(status_),
          body(std::move(body_)) {}
    int status;
    std::string body;
};

class WsClient {
public:
    // Connects and upgrades; throws UpgradeRefused when the server says no.
    explicit WsClient(const std::string& address, WsClientOptions options = {});
    ~WsClient();

    void send_text(std::string_view text);
    void send_binary(std::string_view bytes);
    // The next text message, or nullopt once the server has closed the connection;
    // close_code() and close_reason() then tell how.
    std::optional<std::string> read(std::chrono::milliseconds timeout = io_timeout);
    int close_code() const;
    std::string close_reason() const;
    void close();  // a normal close from this side

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct LineClientOptions {
    int receive_buffer_bytes = 0;  // 0 keeps the system default
};

// A raw TCP client for line protocols; writes go out at once (no Nagle), so each
// write() is its own segment.
class LineClient {
public:
    explicit LineClient(const std::string& address, LineClientOptions options = {});
    ~LineClient();

    void write(std::string_view bytes);
    // The next line with its "\r\n" or "\n", or nullopt once the server has ended
    // the connection; this side then closes too, as a real client would.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = io_timeout);
    // Reads and discards until the server ends the connection: true when it did
    // within the timeout.
    bool closed_by_server(std::chrono::milliseconds timeout = io_timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley::net::testing
