#include "http/router.hpp"

#include <algorithm>

namespace parley::http {

namespace {

// The segment of `pattern` starting at `position`, which is just past a '/'.
std::string_view next_segment(std::string_view pattern, std::size_t position) {
    auto end = pattern.find('/', position);
    return pattern.substr(position, end == std::string_view::npos ? pattern.npos : end - position);
}

bool is_param(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Fills `params` and answers true when the segments fit the pattern. A parameter
// never matches an empty segment ("/rooms//messages" names no room).
bool fits(std::string_view pattern, const std::vector<std::string>& segments, PathParams& params) {
    params.clear();
    if (pattern == "/") return segments.empty();  // the root has no segments at all
    std::size_t position = 1;                     // past the leading '/'
    for (const auto& segment : segments) {
        if (position > pattern.size()) return false;
        auto expected = next_segment(pattern, position);
        position += expected.size() + 1;
        if (is_param(expected)) {
            if (segment.empty()) return false;
            params.emplace_back(expected.substr(1, expected.size() - 2), segment);
        } else if (expected != segment) {
            return false;
        }
    }
    return position > pattern.size();
}

void add_allowed(std::vector<std::string_view>& allowed, std::string_view method) {
    // Several patterns may fit one path with the same method; list it once.
    if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
        allowed.push_back(method);
    }
}

}  // namespace

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
    RouteMatch miss;
    PathParams params;
    for (const auto& route : routes_) {
        if (!fits(route.pattern, segments, params)) continue;
        if (route.method == method) return RouteMatch{&route, std::move(params), {}};
        add_allowed(miss.allowed, route.method);
    }
    return miss;
}

}  // namespace parley::http
