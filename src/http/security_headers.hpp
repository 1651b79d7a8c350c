#pragma once

#include "net/handlers.hpp"

namespace parley::http {

// Headers every HTTP response carries, API or static file: no MIME sniffing,
// no framing, no referrer, and a CSP that allows only our own origin.
void add_security_headers(net::HttpResponse& response);

}  // namespace parley::http
