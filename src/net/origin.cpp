#include "net/origin.hpp"

#include <algorithm>
#include <cctype>

namespace parley::net::detail {

namespace {

bool equal_ignoring_case(std::string_view left, std::string_view right) {
    return std::ranges::equal(left, right, [](unsigned char a, unsigned char b) {
        return std::tolower(a) == std::tolower(b);
    });
}

// Origin and Host compare without their scheme: "http://" or "https://".
bool same_host(std::string_view origin, std::string_view scheme, std::string_view host) {
    return origin.size() == scheme.size() + host.size() &&
           equal_ignoring_case(origin.substr(0, scheme.size()), scheme) &&
           equal_ignoring_case(origin.substr(scheme.size()), host);
}

}  // namespace

bool origin_allowed(std::optional<std::string_view> origin, std::string_view host,
                    const std::vector<std::string>& allowed_origins) {
    if (!origin) return true;
    if (!host.empty() &&
        (same_host(*origin, "http://", host) || same_host(*origin, "https://", host))) {
        return true;
    }
    return std::ranges::any_of(allowed_origins, [&](const std::string& allowed) {
        return equal_ignoring_case(*origin, allowed);
    });
}

std::string_view request_path(std::string_view target) {
    return target.substr(0, target.find('?'));
}

}  // namespace parley::net::detail
