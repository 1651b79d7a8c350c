// The JSON the bench sends and the little it reads back (api-contract.md,
// "HTTP" and "WebSocket"). The text of every bench message is
// "<seq> <send time ns> xxx...": receivers learn order and latency from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::bench::wire {

struct Registered {
    std::string token;
    std::int64_t user_id = 0;
};

enum class FrameType { ready, message, ok, error, other };

struct Frame {
    FrameType type = FrameType::other;
    std::int64_t id = -1;       // ok, error: the echoed command id
    std::int64_t user_id = -1;  // ready: who signed in; message: the author ("from")
    std::int64_t seq = -1;      // message: from the bench text; -1 when not a bench text
    std::int64_t sent_ns = 0;   // message: from the bench text
    std::string error;          // error: "code: message"
};

std::string register_body(std::string_view username, std::string_view password);
// Null when the body is not a {"token","user":{"id"}} object.
std::optional<Registered> parse_registered(std::string_view body);

std::string auth_frame(std::string_view token);
std::string send_frame(std::string_view room, std::int64_t seq, std::int64_t sent_ns,
                       std::size_t text_bytes);

// Never throws: a frame that isn't JSON is FrameType::other with `error` set.
Frame parse_frame(std::string_view text);

}  // namespace parley::bench::wire
