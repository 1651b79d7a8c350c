// The JSON the bench sends and the little it reads back (api-contract.md,
// "HTTP" and "WebSocket"). Bench messages carry bench_text.hpp's text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    std::int64_t sender = -1;   // message: the sending client's index, from the bench text
    std::string error;          // error: "code: message"
};

std::string register_body(std::string_view username, std::string_view password);
// Null when the body is not a {"token","user":{"id"}} object.
std::optional<Registered> parse_registered(std::string_view body);

std::string auth_frame(std::string_view token);
std::string send_frame(std::string_view room, std::int64_t seq, std::int64_t sent_ns,
                       std::int64_t sender, std::size_t text_bytes);
std::string join_frame(std::string_view room, std::int64_t id);
// A page of `limit` messages with ids below `before` (0: the newest page).
std::string history_frame(std::string_view room, std::int64_t id, std::int64_t before,
                          std::size_t limit);

struct PagedMessage {
    std::int64_t id = 0;
    std::int64_t seq = -1;  // from the bench text; -1 when not a bench text
    std::int64_t sender = -1;
};
// The answer to history_frame: its `id` and messages, oldest first.
struct HistoryPage {
    std::int64_t id = -1;
    std::vector<PagedMessage> messages;
};
// Null when the frame is not an `ok` with a `messages` array.
std::optional<HistoryPage> parse_history_page(std::string_view text);

// Never throws: a frame that isn't JSON is FrameType::other with `error` set.
Frame parse_frame(std::string_view text);

}  // namespace parley::bench::wire
