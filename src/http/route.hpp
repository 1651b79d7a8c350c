#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/requests.hpp"
#include "core/result.hpp"
#include "http/target.hpp"
#include "net/handlers.hpp"

namespace parley::http {

// Values of a pattern's `{name}` segments, percent-decoded, in pattern order.
using PathParams = std::vector<std::pair<std::string_view, std::string>>;

// What a route's parser reads.
struct RouteInput {
    const net::HttpRequest& request;
    const Target& target;
    const PathParams& params;

    // The value of path parameter `name`; empty if the pattern has none.
    std::string_view param(std::string_view name) const {
        for (const auto& [key, value] : params) {
            if (key == name) return value;
        }
        return {};
    }
};

// A success status and its serialized JSON body (empty for 204), or, for
// answers that are not JSON (file downloads), the complete response.
struct Rendered {
    int status = 200;
    std::string body;
    std::optional<net::HttpResponse> response;
};

using Parser = core::Result<core::Request> (*)(const RouteInput& input);
// An error result means the service answered with a reply of the wrong kind.
using Renderer = core::Result<Rendered> (*)(const core::Response& response);

// Where a route takes the session token from. The cookie is accepted only
// where a browser can't send a header (file downloads in <img> and links),
// so it can never authorize a change (no CSRF).
enum class Auth { bearer, bearer_or_cookie };

// What a successful answer does to the session cookie.
enum class CookieAction { none, set_from_reply, set_from_bearer, clear };

// One row of the route table. A row without a parser never reaches the service:
// its renderer answers on its own (given reply::Nothing).
struct Route {
    std::string_view method;
    std::string_view pattern;  // "/literal/{param}/..."
    Parser parse = nullptr;
    Renderer render = nullptr;
    Auth auth = Auth::bearer;
    CookieAction cookie = CookieAction::none;
};

}  // namespace parley::http
