#include "bench_text.hpp"

#include <charconv>

namespace parley::bench {

namespace {

// A number at `at` ending at `end` or at a space; advances `at` past it.
bool read_number(const char*& at, const char* end, std::int64_t& number) {
    auto [after, error] = std::from_chars(at, end, number);
    if (error != std::errc{} || (after != end && *after != ' ')) return false;
    at = after == end ? end : after + 1;
    return true;
}

}  // namespace

std::string bench_text(std::int64_t seq, std::int64_t sent_ns, std::int64_t sender,
                       std::size_t bytes) {
    std::string text =
        std::to_string(seq) + ' ' + std::to_string(sent_ns) + ' ' + std::to_string(sender) + ' ';
    if (text.size() < bytes) text.append(bytes - text.size(), 'x');
    return text;
}

std::optional<BenchText> parse_bench_text(std::string_view text) {
    BenchText found;
    const char* at = text.data();
    const char* end = at + text.size();
    if (!read_number(at, end, found.seq) || found.seq < 0) return std::nullopt;
    if (!read_number(at, end, found.sent_ns)) return std::nullopt;
    std::int64_t sender = -1;
    if (at != end && read_number(at, end, sender)) found.sender = sender;
    return found;
}

}  // namespace parley::bench
