#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::net::detail {

// Whether a WebSocket upgrade from this Origin is accepted. No Origin header means
// a client that is not a browser; a browser page is accepted from the server's
// own origin (http:// or https:// and the Host header) or an allowed one.
bool origin_allowed(std::optional<std::string_view> origin, std::string_view host,
                    const std::vector<std::string>& allowed_origins);

// The path of a request target, without the query.
std::string_view request_path(std::string_view target);

}  // namespace parley::net::detail
