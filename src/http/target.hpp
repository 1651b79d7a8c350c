#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace parley::http {

// A request target split into percent-decoded path segments and query
// parameters. Segments are split before decoding, so "%2F" stays inside one.
struct Target {
    std::vector<std::string> segments;
    std::vector<std::pair<std::string, std::string>> query;

    // The first value of that query parameter, or nullopt when it is absent.
    std::optional<std::string_view> query_value(std::string_view key) const;
};

// Parses an origin-form target ("/path?query"); bad_request when malformed.
core::Result<Target> parse_target(std::string_view text);

}  // namespace parley::http
