#include "http/api.hpp"

#include <utility>

#include "http/caller.hpp"
#include "http/file_responses.hpp"
#include "http/responses.hpp"
#include "http/session_cookie.hpp"
#include "http/routes.hpp"
#include "http/target.hpp"

namespace parley::http {

namespace {

using core::Errc;
using core::Error;

std::string path_of(const Target& target) {
    std::string path;
    for (const auto& segment : target.segments) path += "/" + segment;
    return path.empty() ? "/" : path;
}

net::HttpResponse rendered_response(const core::Result<Rendered>& rendered) {
    if (!rendered) return error_response(rendered.error());
    if (rendered->response) return *rendered->response;
    return success_response(*rendered);
}

// The path of a target, without its query.
std::string_view raw_path(std::string_view target) {
    return target.substr(0, target.find('?'));
}

}  // namespace

Api::Api(core::Service& service, ApiOptions options)
    : service_(service),
      options_(options),
      router_(api_routes()),
      web_(StaticFiles::load(options_.web_root)) {}

// Uploads have limits of their own; everything else is a small JSON body.
std::size_t Api::body_limit(const net::HttpRequest& head) const {
    auto path = raw_path(head.target);
    if (head.method == "PUT" && path == "/api/v1/me/avatar") return options_.avatar_body_limit;
    if (head.method == "POST" && path == "/api/v1/files") return options_.file_body_limit;
    return options_.json_body_limit;
}

void Api::handle(net::HttpRequest request, Respond respond) {
    // net refuses larger bodies before reading them; this keeps the limit true
    // for any other caller too.
    if (request.body.size() > body_limit(request)) return respond(error_response(Errc::too_large));
    auto target = parse_target(request.target);
    if (!target) return respond(error_response(target.error()));
    auto match = router_.match(request.method, target->segments);
    if (match.route == nullptr && match.allowed.empty()) {
        if (auto avatar = serve_avatar(request.method, *target)) return respond(*avatar);
        if (auto file = web_.serve(request.method, path_of(*target))) return respond(*file);
        return respond(error_response(Error{Errc::not_found, "There is nothing at this address."}));
    }
    if (match.route == nullptr) return respond(method_not_allowed(match.allowed));
    dispatch(*match.route, RouteInput{request, *target, match.params}, std::move(respond));
}

void Api::dispatch(const Route& route, const RouteInput& input, Respond respond) {
    if (route.parse == nullptr) {
        return respond(rendered_response(route.render(core::reply::Nothing{})));
    }
    auto parsed = route.parse(input);
    if (!parsed) return respond(error_response(parsed.error()));
    auto caller = caller_of(input.request);
    if (!caller.token && route.auth == Auth::bearer_or_cookie) {
        caller.token = session_cookie(input.request.header("cookie"));
    }
    // Without a token the service could only answer unauthorized; spare it the trip.
    if (core::needs_session(*parsed) && !caller.token) {
        return respond(error_response(Errc::unauthorized));
    }
    // The callback may run on the service's thread; net carries the response home.
    auto bearer = caller.token;
    service_.request(std::move(caller), std::move(parsed).value(),
                     [this, render = route.render, cookie = route.cookie, bearer,
                      respond = std::move(respond)](core::Result<core::Response> result) {
                         if (!result) return respond(error_response(result.error()));
                         auto response = rendered_response(render(*result));
                         if (response.status < 300) apply_cookie(cookie, *result, bearer, response);
                         respond(std::move(response));
                     });
}

std::optional<net::HttpResponse> Api::serve_avatar(std::string_view method,
                                                   const Target& target) const {
    const auto& segments = target.segments;
    if (method != "GET" || segments.size() != 2 || segments[0] != "avatars") return std::nullopt;
    // A replaced avatar's file is gone, so its old address answers 404.
    std::error_code error;
    auto path = options_.avatars / segments[1];
    if (!is_avatar_name(segments[1]) || !std::filesystem::is_regular_file(path, error)) {
        return error_response(core::Error{Errc::not_found, "There is no such avatar."});
    }
    return avatar_response(path.string());
}

void Api::apply_cookie(CookieAction action, const core::Response& reply,
                       const std::optional<std::string>& bearer,
                       net::HttpResponse& response) const {
    auto security = options_.secure_cookie ? CookieSecurity::secure : CookieSecurity::plain;
    std::optional<std::string> value;
    if (action == CookieAction::clear) value = clear_session_cookie(security);
    if (action == CookieAction::set_from_bearer && bearer) {
        value = set_session_cookie(*bearer, security);
    }
    if (const auto* session = std::get_if<core::reply::SignedIn>(&reply);
        session != nullptr && action == CookieAction::set_from_reply) {
        value = set_session_cookie(session->token, security);
    }
    if (value) response.headers.emplace_back("Set-Cookie", std::move(*value));
}

}  // namespace parley::http
