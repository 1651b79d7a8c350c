#include "app/config_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace parley::app {

std::string format_endpoint(const Endpoint& endpoint) {
    const bool ipv6 = endpoint.host.find(':') != std::string::npos;
    std::string host = ipv6 ? "[" + endpoint.host + "]" : endpoint.host;
    return host + ":" + std::to_string(endpoint.port);
}

}  // namespace parley::app

namespace parley::app::detail {
namespace {

constexpr std::string_view endpoint_form =
    "expected HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080";

std::string lowercase(std::string_view text) {
    std::string result(text);
    std::ranges::transform(result, result.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

bool has_space(std::string_view text) {
    return std::ranges::any_of(text, [](unsigned char c) { return std::isspace(c) != 0; });
}

// Digits only: from_chars alone would accept "+1" in some cases and stop quietly at "1x".
std::optional<unsigned long> parse_digits(std::string_view text) {
    if (text.empty() || text.size() > 9 ||
        !std::ranges::all_of(text, [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    unsigned long number = 0;
    std::from_chars(text.data(), text.data() + text.size(), number);
    return number;
}

Parsed<std::uint16_t> parse_port(std::string_view text) {
    const auto number = parse_digits(text);
    if (!number) {
        return Parsed<std::uint16_t>::refuse("the port must be a number from 0 to 65535");
    }
    if (*number > 65535) {
        return Parsed<std::uint16_t>::refuse("port " + std::to_string(*number) +
                                             " is out of range; ports go from 0 to 65535");
    }
    return {static_cast<std::uint16_t>(*number), {}};
}

// Splits "host:port" or "[v6]:port"; an unbracketed host may not contain ':'.
std::optional<std::pair<std::string_view, std::string_view>> split_host_port(
    std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || host.size() < 3) return std::nullopt;
        host = host.substr(1, host.size() - 2);
        if (host.find(':') == std::string_view::npos) return std::nullopt;
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt;
    }
    if (host.empty() || has_space(host)) return std::nullopt;
    return std::pair{host, port};
}

}  // namespace

Parsed<Endpoint> parse_endpoint(std::string_view text) {
    const auto parts = split_host_port(text);
    if (!parts) return Parsed<Endpoint>::refuse(std::string(endpoint_form));
    const auto port = parse_port(parts->second);
    if (!port.value) return Parsed<Endpoint>::refuse(port.reason);
    return {Endpoint{std::string(parts->first), *port.value}, {}};
}

Parsed<std::optional<Endpoint>> parse_endpoint_or_off(std::string_view text) {
    if (lowercase(text) == "off") return {std::optional<Endpoint>{}, {}};
    auto endpoint = parse_endpoint(text);
    if (!endpoint.value) {
        const bool bad_form = endpoint.reason == endpoint_form;
        return Parsed<std::optional<Endpoint>>::refuse(bad_form ? endpoint.reason + ", or off"
                                                                : endpoint.reason);
    }
    return {std::optional<Endpoint>{std::move(*endpoint.value)}, {}};
}

Parsed<bool> parse_switch(std::string_view text) {
    const std::string word = lowercase(text);
    if (word == "on" || word == "true") return {true, {}};
    if (word == "off" || word == "false") return {false, {}};
    return Parsed<bool>::refuse("expected on or off");
}

Parsed<unsigned> parse_shards(std::string_view text) {
    const auto number = parse_digits(text);
    if (!number || *number < 1 || *number > max_shards) {
        return Parsed<unsigned>::refuse("expected a whole number from 1 to " +
                                        std::to_string(max_shards));
    }
    return {static_cast<unsigned>(*number), {}};
}

Parsed<std::string> parse_log_level(std::string_view text) {
    static constexpr std::array<std::string_view, 5> levels{"trace", "debug", "info", "warn",
                                                            "error"};
    std::string level = lowercase(text);
    if (std::ranges::find(levels, level) == levels.end()) {
        return Parsed<std::string>::refuse("expected trace, debug, info, warn or error");
    }
    return {std::move(level), {}};
}

Parsed<std::string> parse_origin(std::string_view text) {
    // Browsers send exactly scheme://host[:port]; anything else would never match.
    const auto refuse = [] {
        return Parsed<std::string>::refuse(
            "expected an origin such as https://chat.example.com or http://localhost:5173, "
            "without a path");
    };
    const auto separator = text.find("://");
    if (separator == std::string_view::npos) return refuse();
    const std::string scheme = lowercase(text.substr(0, separator));
    const std::string_view rest = text.substr(separator + 3);
    if ((scheme != "http" && scheme != "https") || rest.empty() || rest.starts_with(':') ||
        rest.find('/') != std::string_view::npos || has_space(rest)) {
        return refuse();
    }
    return {std::string(text), {}};
}

Parsed<std::uint64_t> parse_bytes(std::string_view text) {
    constexpr std::uint64_t max_bytes = 1ull << 40;
    const auto refuse = [] {
        return Parsed<std::uint64_t>::refuse(
            "expected a whole number of bytes from 1 to 1TiB, optionally with KiB, MiB or GiB");
    };
    std::uint64_t unit = 1;
    for (auto [suffix, factor] : {std::pair<std::string_view, std::uint64_t>{"KiB", 1ull << 10},
                                  {"MiB", 1ull << 20},
                                  {"GiB", 1ull << 30}}) {
        if (text.ends_with(suffix)) {
            text.remove_suffix(suffix.size());
            unit = factor;
            break;
        }
    }
    std::uint64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || number == 0 ||
        number > max_bytes / unit) {
        return refuse();
    }
    return {number * unit, {}};
}

Parsed<std::string> parse_public_url(std::string_view text) {
    while (text.ends_with('/')) text.remove_suffix(1);
    const auto separator = text.find("://");
    const std::string scheme =
        separator == std::string_view::npos ? std::string() : lowercase(text.substr(0, separator));
    const auto host = separator == std::string_view::npos ? std::string_view()
                                                          : text.substr(separator + 3);
    if ((scheme != "http" && scheme != "https") || host.empty() || host.starts_with('/') ||
        host.starts_with(':') || has_space(host)) {
        return Parsed<std::string>::refuse(
            "expected an address such as https://chat.example.com or http://10.0.0.5:8080/chat");
    }
    return {std::string(text), {}};
}

Parsed<std::filesystem::path> parse_path(std::string_view text) {
    if (text.empty()) return Parsed<std::filesystem::path>::refuse("expected a path, not nothing");
    return {std::filesystem::path(text), {}};
}

Parsed<std::string> parse_name(std::string_view text) {
    if (text.empty()) return Parsed<std::string>::refuse("expected a name, not nothing");
    return {std::string(text), {}};
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
            item.remove_prefix(1);
        }
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) {
            item.remove_suffix(1);
        }
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return items;
}

}  // namespace parley::app::detail
