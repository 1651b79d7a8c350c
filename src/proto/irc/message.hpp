#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// One IRC message as the Modern IRC documents and IRCv3 message-tags define it,
// and the codec between it and one line of text. No I/O: the gateway parses the
// lines net's LineServer hands it and writes what serialize() returns.
namespace parley::proto::irc {

struct Tag {
    std::string key;
    std::string value;  // unescaped; empty for a tag without a value

    bool operator==(const Tag&) const = default;
};

struct Message {
    std::vector<Tag> tags;
    std::string source;   // without its ':'; empty when the line has none
    std::string command;  // uppercase letters, or three digits
    std::vector<std::string> params;

    bool operator==(const Message&) const = default;
};

// Limits of a line, CRLF excluded (IRCv3 message-tags, "Size limit").
inline constexpr std::size_t max_client_tag_bytes = 4094;  // between '@' and the space
inline constexpr std::size_t max_body_bytes = 510;         // source, command and params
inline constexpr std::size_t max_params = 15;

// One line without its CRLF. Errors: Errc::too_large when the tags pass 4094
// bytes or the rest passes 510 (the message says which; answer 417
// ERR_INPUTTOOLONG), Errc::bad_request for a NUL, CR or LF inside the line, a
// missing or malformed command, or an empty source.
core::Result<Message> parse_line(std::string_view line);

// One line with its CRLF, never more than one line whatever the fields hold.
// The body is cut to 510 bytes at a UTF-8 boundary; tags are never cut, as
// message-tags requires, so the caller keeps its own tags within their limit.
std::string serialize(const Message& message);

// Tag value escaping of message-tags ("\:", "\s", "\\", "\r", "\n").
std::string escape_tag_value(std::string_view value);
std::string unescape_tag_value(std::string_view escaped);

// [+][vendor/]name with letters, digits, '-' (and '.' in the vendor).
bool is_valid_tag_key(std::string_view key);
// Client-only tags ("+typing") are the ones a server may relay from a client.
bool is_client_only_tag(std::string_view key);

// The value of the last tag named `key`, or nullptr.
const std::string* find_tag(const Message& message, std::string_view key);

}  // namespace parley::proto::irc
