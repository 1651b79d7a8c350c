#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/service.hpp"
#include "net/handlers.hpp"

namespace parley::http {

// The token of an `Authorization: Bearer <token>` header value; nullopt for any
// other scheme or an empty token.
std::optional<std::string> bearer_token(std::string_view authorization);

// Who sent the request: its bearer token and the peer's address.
core::Caller caller_of(const net::HttpRequest& request);

}  // namespace parley::http
