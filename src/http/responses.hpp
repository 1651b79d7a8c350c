#pragma once

#include <span>
#include <string_view>

#include "core/result.hpp"
#include "http/route.hpp"
#include "net/handlers.hpp"

// Complete API responses, each with the security headers and `no-store`
// (answers hold tokens and private profiles; no cache may keep them).
namespace parley::http {

net::HttpResponse success_response(const Rendered& rendered);
// {"error":{"code","message"}} with the status of the error's code.
net::HttpResponse error_response(const core::Error& error);
// 405 method_not_allowed with an Allow header; HTTP-only, so not a core::Errc.
net::HttpResponse method_not_allowed(std::span<const std::string_view> allowed);

}  // namespace parley::http
