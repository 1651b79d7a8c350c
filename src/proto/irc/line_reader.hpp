#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace parley::proto::irc {

// IRCv3: clients must accept 8191 bytes of tags beyond the 512 of a line; a
// server that reads this much from a client has room for any valid line.
inline constexpr std::size_t default_max_line_bytes = 8191;

enum class LineStatus {
    Complete,  // `text` is one line without its line break
    TooLong,   // a line passed the cap; its bytes were dropped up to its '\n'
};

struct Line {
    LineStatus status;
    std::string text;  // empty for TooLong
};

// Splits a client's byte stream into lines on '\n' (a "\r\n" or a bare '\n').
// Memory stays bounded whatever a client sends: an unfinished line is never
// kept past the cap, and an overlong one is reported once, as soon as it is
// known, then skipped up to its end. Empty lines are ignored, as Modern IRC
// asks. Only the lines fed and not yet taken are held, so the caller should
// drain next_line() after each feed().
class LineReader {
public:
    explicit LineReader(std::size_t max_line_bytes = default_max_line_bytes);

    void feed(std::string_view bytes);
    // The next line in arrival order, or nullopt until more bytes arrive.
    std::optional<Line> next_line();

    // Bytes of an unfinished line (at most the cap plus a '\r').
    std::size_t pending_bytes() const { return partial_.size(); }

private:
    void end_line(std::string_view last_piece);
    void continue_line(std::string_view piece);
    void report_too_long();

    std::size_t max_line_bytes_;
    std::string partial_;
    bool discarding_ = false;
    std::deque<Line> ready_;
};

}  // namespace parley::proto::irc
