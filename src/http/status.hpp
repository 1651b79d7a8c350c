#pragma once

#include "core/errc.hpp"

namespace parley::http {

// The HTTP status of an error code: the one table the HTTP adapter maps Errc in.
int http_status(core::Errc code);

}  // namespace parley::http
