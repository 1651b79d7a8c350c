#include "http/api.hpp"

#include <utility>

#include "http/caller.hpp"
#include "http/responses.hpp"
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
    return rendered ? success_response(*rendered) : error_response(rendered.error());
}

}  // namespace

Api::Api(core::Service& service, ApiOptions options)
    : service_(service),
      options_(options),
      router_(api_routes()),
      web_(StaticFiles::load(options_.web_root)) {}

std::size_t Api::body_limit(const net::HttpRequest&) const { return options_.json_body_limit; }

void Api::handle(net::HttpRequest request, Respond respond) {
    // net refuses larger bodies before reading them; this keeps the limit true
    // for any other caller too.
    if (request.body.size() > body_limit(request)) return respond(error_response(Errc::too_large));
    auto target = parse_target(request.target);
    if (!target) return respond(error_response(target.error()));
    auto match = router_.match(request.method, target->segments);
    if (match.route == nullptr && match.allowed.empty()) {
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
    // Without a token the service could only answer unauthorized; spare it the trip.
    if (core::needs_session(*parsed) && !caller.token) {
        return respond(error_response(Errc::unauthorized));
    }
    // The callback may run on the service's thread; net carries the response home.
    service_.request(
        std::move(caller), std::move(parsed).value(),
        [render = route.render, respond = std::move(respond)](core::Result<core::Response> result) {
            if (!result) return respond(error_response(result.error()));
            respond(rendered_response(render(*result)));
        });
}

}  // namespace parley::http
