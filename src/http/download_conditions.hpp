#pragma once

#include <cstdint>
#include <string_view>

#include "net/handlers.hpp"

namespace parley::http {

// Conditional and partial downloads of a file of `size` bytes (RFC 9110):
// If-None-Match with the response's ETag turns it into 304 without a body; a
// single `Range: bytes=...` into 206 with that part (416 when it lies past the
// end). Multiple ranges and malformed ones are ignored: the whole file, 200.
void apply_download_conditions(std::string_view if_none_match, std::string_view range,
                               std::uint64_t size, net::HttpResponse& response);

}  // namespace parley::http
