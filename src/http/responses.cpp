#include "http/responses.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/security_headers.hpp"
#include "http/status.hpp"
#include "proto/json/model_json.hpp"

namespace parley::http {

namespace {

namespace json = boost::json;

net::HttpResponse api_response(int status, std::string body) {
    net::HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    add_security_headers(response);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

std::string error_body(json::object error) {
    return json::serialize(json::object{{"error", std::move(error)}});
}

}  // namespace

net::HttpResponse success_response(const Rendered& rendered) {
    return api_response(rendered.status, rendered.body);
}

net::HttpResponse error_response(const core::Error& error) {
    auto response = api_response(http_status(error.code), error_body(proto::error_json(error)));
    // RFC 9110 asks a 401 to name the scheme that would work.
    if (response.status == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
}

net::HttpResponse method_not_allowed(std::span<const std::string_view> allowed) {
    std::string allow;
    for (auto method : allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
    }
    auto response = api_response(
        405, error_body({{"code", "method_not_allowed"},
                         {"message", "This path does not accept that method; see Allow."}}));
    response.headers.emplace_back("Allow", std::move(allow));
    return response;
}

}  // namespace parley::http
