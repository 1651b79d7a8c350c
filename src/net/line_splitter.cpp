#include "net/line_splitter.hpp"

#include <utility>

namespace parley::net::detail {

std::optional<SplitLine> LineSplitter::next(std::string_view& input) {
    while (!input.empty()) {
        auto newline = input.find('\n');
        if (newline == std::string_view::npos) {
            std::string_view piece = input;
            input = {};
            return continue_line(piece);
        }
        std::string_view piece = input.substr(0, newline);
        input.remove_prefix(newline + 1);
        if (auto line = end_line(piece)) return line;
    }
    return std::nullopt;
}

std::optional<SplitLine> LineSplitter::end_line(std::string_view last_piece) {
    if (std::exchange(discarding_, false)) return std::nullopt;  // already reported
    // One byte more than the cap may be the '\r' of "\r\n".
    if (partial_.size() + last_piece.size() > max_line_ + 1) return too_long();
    std::string text = std::exchange(partial_, {});
    text.append(last_piece);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.size() > max_line_) return SplitLine{LineStatus::TooLong, {}};
    if (text.empty()) return std::nullopt;
    return SplitLine{LineStatus::Complete, std::move(text)};
}

std::optional<SplitLine> LineSplitter::continue_line(std::string_view piece) {
    if (discarding_) return std::nullopt;
    std::size_t size = partial_.size() + piece.size();
    // Still possibly valid: within the cap, or one byte over when that byte is
    // the '\r' of a "\r\n" split between two reads.
    bool may_fit = size <= max_line_ || (size == max_line_ + 1 && piece.back() == '\r');
    if (may_fit) {
        partial_.append(piece);
        return std::nullopt;
    }
    discarding_ = true;
    return too_long();
}

SplitLine LineSplitter::too_long() {
    partial_ = std::string();  // gives the memory back, too
    return SplitLine{LineStatus::TooLong, {}};
}

}  // namespace parley::net::detail
