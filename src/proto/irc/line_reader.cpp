#include "proto/irc/line_reader.hpp"

#include <utility>

namespace parley::proto::irc {

LineReader::LineReader(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

void LineReader::feed(std::string_view bytes) {
    while (!bytes.empty()) {
        auto newline = bytes.find('\n');
        if (newline == std::string_view::npos) {
            continue_line(bytes);
            return;
        }
        end_line(bytes.substr(0, newline));
        bytes.remove_prefix(newline + 1);
    }
}

std::optional<Line> LineReader::next_line() {
    if (ready_.empty()) return std::nullopt;
    auto line = std::move(ready_.front());
    ready_.pop_front();
    return line;
}

void LineReader::end_line(std::string_view last_piece) {
    if (std::exchange(discarding_, false)) return;  // the end of a line already reported
    std::string text = std::exchange(partial_, {});
    // The cap counts the line without its "\r\n", so one more byte may be the '\r'.
    if (text.size() + last_piece.size() > max_line_bytes_ + 1) {
        ready_.push_back(Line{LineStatus::TooLong, {}});
        return;
    }
    text.append(last_piece);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.size() > max_line_bytes_) {
        ready_.push_back(Line{LineStatus::TooLong, {}});
    } else if (!text.empty()) {
        ready_.push_back(Line{LineStatus::Complete, std::move(text)});
    }
}

void LineReader::continue_line(std::string_view piece) {
    if (discarding_) return;
    auto size = partial_.size() + piece.size();
    // Still possibly valid: within the cap, or one byte over when that byte is
    // the '\r' of a "\r\n" split between two reads.
    bool may_fit = size <= max_line_bytes_ || (size == max_line_bytes_ + 1 && piece.back() == '\r');
    if (may_fit) {
        partial_.append(piece);
        return;
    }
    report_too_long();
}

void LineReader::report_too_long() {
    partial_.clear();
    discarding_ = true;
    ready_.push_back(Line{LineStatus::TooLong, {}});
}

}  // namespace parley::proto::irc
