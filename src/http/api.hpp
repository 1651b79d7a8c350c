#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>

#include "core/service.hpp"
#include "http/route.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "net/handlers.hpp"

namespace parley::http {

struct ApiOptions {
    std::size_t json_body_limit = 64 * 1024;
    std::filesystem::path web_root;  // the built web client, served at /
    std::size_t avatar_body_limit = 4 * 1024 * 1024;
    std::size_t file_body_limit = 25 * 1024 * 1024;
    std::filesystem::path avatars;  // folder of avatar images, served at /avatars/
    bool secure_cookie = false;     // TLS is configured: the session cookie is Secure
};

// The REST routes of /health and /api/v1. A request is matched against the
// route table, parsed into a core::Request, answered by the Service and
// rendered as JSON; every failure on the way becomes an error response.
class Api final : public net::HttpHandler {
public:
    Api(core::Service& service, ApiOptions options);

    std::size_t body_limit(const net::HttpRequest& head) const override;
    void handle(net::HttpRequest request, std::function<void(net::HttpResponse)> respond) override;
    // Files of the web client found at start-up (0: not installed).
    std::size_t web_files() const { return web_.size(); }

private:
    using Respond = std::function<void(net::HttpResponse)>;

    void dispatch(const Route& route, const RouteInput& input, Respond respond);
    std::optional<net::HttpResponse> serve_avatar(std::string_view method,
                                                  const Target& target) const;
    void apply_cookie(CookieAction action, const core::Response& reply,
                      const std::optional<std::string>& bearer,
                      net::HttpResponse& response) const;

    core::Service& service_;
    ApiOptions options_;
    Router router_;
    StaticFiles web_;
};

}  // namespace parley::http
