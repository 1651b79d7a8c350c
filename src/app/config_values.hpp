#pragma once

// Parsers for the text of one setting. Flags, environment variables and the config file all go
// through these, so a value means the same thing and is refused with the same reason everywhere.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/config.hpp"

namespace parley::app::detail {

inline constexpr unsigned max_shards = 256;
inline constexpr int max_history_replay = 1000;

// A value, or the reason the text was refused (completes "X is 'text': ...").
template <typename T>
struct Parsed {
    std::optional<T> value;
    std::string reason;

    static Parsed refuse(std::string why) { return Parsed{std::nullopt, std::move(why)}; }
};

Parsed<Endpoint> parse_endpoint(std::string_view text);
// An endpoint, or "off" (nullopt) to disable the listener.
Parsed<std::optional<Endpoint>> parse_endpoint_or_off(std::string_view text);
// on/off/true/false, any case.
Parsed<bool> parse_switch(std::string_view text);
// A whole number from 1 to max_shards.
Parsed<unsigned> parse_shards(std::string_view text);
// trace|debug|info|warn|error, any case; returned lowercase.
Parsed<std::string> parse_log_level(std::string_view text);
// A browser Origin: http:// or https://, a host, an optional port, no path.
Parsed<std::string> parse_origin(std::string_view text);
Parsed<std::filesystem::path> parse_path(std::string_view text);
// A size: a whole number of bytes from 1 to 2^40, optionally followed by KiB, MiB or GiB.
Parsed<std::uint64_t> parse_bytes(std::string_view text);
// http:// or https://, a host, optional port and path; returned without a trailing '/'.
Parsed<std::string> parse_public_url(std::string_view text);
// Anything but an empty string: account names are checked where accounts are made.
Parsed<std::string> parse_name(std::string_view text);

// "a, b,,c" -> {"a", "b", "c"}: white space around items and empty items are dropped.
std::vector<std::string> split_list(std::string_view text);

}  // namespace parley::app::detail
