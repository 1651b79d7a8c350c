#include "http/download_conditions.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace parley::http {

namespace {

struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t length = 0;
};

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

enum class RangeKind { none, satisfiable, unsatisfiable };

// "bytes=a-b", "bytes=a-" or "bytes=-n" against `size`.
RangeKind parse_range(std::string_view header, std::uint64_t size, ByteRange& out) {
    constexpr std::string_view unit = "bytes=";
    if (!header.starts_with(unit)) return RangeKind::none;
    header.remove_prefix(unit.size());
    auto dash = header.find('-');
    if (dash == std::string_view::npos || header.find(',') != std::string_view::npos) {
        return RangeKind::none;
    }
    auto first = number(header.substr(0, dash));
    auto last = number(header.substr(dash + 1));
    if (!first) {  // a suffix: the last n bytes
        if (!last || *last == 0) return last ? RangeKind::unsatisfiable : RangeKind::none;
        std::uint64_t n = std::min(*last, size);
        out = {size - n, n};
        return n == 0 ? RangeKind::unsatisfiable : RangeKind::satisfiable;
    }
    if (!header.substr(dash + 1).empty() && (!last || *last < *first)) return RangeKind::none;
    if (*first >= size) return RangeKind::unsatisfiable;
    std::uint64_t end = last ? std::min(*last, size - 1) : size - 1;
    out = {*first, end - *first + 1};
    return RangeKind::satisfiable;
}

std::string_view etag_of(const net::HttpResponse& response) {
    for (const auto& [name, value] : response.headers) {
        if (name == "ETag") return value;
    }
    return {};
}

void drop_body(net::HttpResponse& response, int status) {
    response.status = status;
    response.body_file.clear();
    response.body.clear();
    response.content_type.clear();
}

}  // namespace

void apply_download_conditions(std::string_view if_none_match, std::string_view range,
                               std::uint64_t size, net::HttpResponse& response) {
    auto etag = etag_of(response);
    if (!if_none_match.empty() && !etag.empty() &&
        (if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos)) {
        return drop_body(response, 304);
    }
    ByteRange part;
    switch (parse_range(range, size, part)) {
        case RangeKind::none:
            return;
        case RangeKind::unsatisfiable:
            drop_body(response, 416);
            response.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
            return;
        case RangeKind::satisfiable:
            response.status = 206;
            response.body_offset = part.first;
            response.body_length = part.length;
            response.headers.emplace_back("Content-Range",
                                          "bytes " + std::to_string(part.first) + "-" +
                                              std::to_string(part.first + part.length - 1) + "/" +
                                              std::to_string(size));
            return;
    }
}

}  // namespace parley::http
