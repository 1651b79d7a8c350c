// Splits a line protocol's byte stream; internal to net.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley::net::detail {

enum class LineStatus {
    Complete,  // `text` is one line without its line break
    TooLong,   // a line passed the cap; its bytes are dropped up to its '\n'
};

struct SplitLine {
    LineStatus status;
    std::string text;  // empty for TooLong
};

// Lines end at '\n', with or without a '\r' before it. Memory stays bounded
// whatever a peer sends: an unfinished line is never kept past the cap, and an
// over-long one is reported once, as soon as it is known, then skipped up to its
// end. Empty lines are skipped. Lines are handed out straight from the read buffer.
class LineSplitter {
public:
    // The cap counts a line's bytes without its "\r\n".
    explicit LineSplitter(std::size_t max_line) : max_line_(max_line) {}

    // Consumes `input` from the front until it yields a line or a TooLong;
    // nullopt once `input` is used up, an unfinished line kept for the next call.
    std::optional<SplitLine> next(std::string_view& input);

    // Bytes of an unfinished line (at most the cap plus a '\r').
    std::size_t pending_bytes() const { return partial_.size(); }

private:
    std::optional<SplitLine> end_line(std::string_view last_piece);
    std::optional<SplitLine> continue_line(std::string_view piece);
    SplitLine too_long();

    std::size_t max_line_;
    std::string partial_;
    bool discarding_ = false;
};

}  // namespace parley::net::detail
