// The text of every bench message, over WebSocket and IRC alike:
// "<seq> <send time ns> <sender> xxx...". Receivers learn from it the order
// (seq per sender), the latency (the send time, on the bench's own steady
// clock) and which connection sent it: with shared accounts the author's user
// id doesn't say which of its connections that was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::bench {

struct BenchText {
    std::int64_t seq = -1;
    std::int64_t sent_ns = 0;  // when it was (scheduled to be) sent
    std::int64_t sender = -1;  // the sending client's index; -1 when the text has none
};

// `bytes` long, or as long as the three numbers and a space when that is more.
std::string bench_text(std::int64_t seq, std::int64_t sent_ns, std::int64_t sender,
                       std::size_t bytes);
// Null unless the text starts with two numbers (seq >= 0); the third is optional.
std::optional<BenchText> parse_bench_text(std::string_view text);

}  // namespace parley::bench
