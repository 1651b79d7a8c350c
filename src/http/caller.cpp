#include "http/caller.hpp"

#include <algorithm>
#include <cctype>

namespace parley::http {

namespace {

constexpr std::string_view bearer_scheme = "bearer";

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// Auth schemes are case-insensitive (RFC 9110 section 11.1).
bool is_bearer(std::string_view scheme) {
    return std::equal(
        scheme.begin(), scheme.end(), bearer_scheme.begin(), bearer_scheme.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

}  // namespace

std::optional<std::string> bearer_token(std::string_view authorization) {
    authorization = trim(authorization);
    auto space = std::find_if(authorization.begin(), authorization.end(), is_space);
    auto scheme = authorization.substr(0, space - authorization.begin());
    auto token = trim(authorization.substr(scheme.size()));
    if (!is_bearer(scheme) || token.empty()) return std::nullopt;
    return std::string(token);
}

core::Caller caller_of(const net::HttpRequest& request) {
    return core::Caller{bearer_token(request.header("authorization")), request.peer.address};
}

}  // namespace parley::http
