#pragma once

#include <span>

#include "http/route.hpp"

namespace parley::http {

// Every route of the HTTP API, in one table.
std::span<const Route> api_routes();

}  // namespace parley::http
