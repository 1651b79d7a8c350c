#include "http/routes.hpp"

#include <array>

#include "http/parsers.hpp"
#include "http/renderers.hpp"

namespace parley::http {

namespace {

constexpr std::array routes{
    Route{"GET", "/health", nullptr, render_health},
    Route{"POST", "/api/v1/register", parse_register, render_created_session},
    Route{"POST", "/api/v1/login", parse_login, render_session},
    Route{"POST", "/api/v1/logout", parse_logout, render_no_content},
    Route{"GET", "/api/v1/me", parse_get_me, render_user},
    Route{"PATCH", "/api/v1/me", parse_update_me, render_user},
    Route{"DELETE", "/api/v1/me", parse_delete_me, render_no_content},
    Route{"POST", "/api/v1/me/password", parse_change_password, render_no_content},
    Route{"GET", "/api/v1/users", parse_list_users, render_users},
    Route{"GET", "/api/v1/users/{id}", parse_get_user, render_user},
    Route{"GET", "/api/v1/rooms", parse_list_rooms, render_rooms},
    Route{"GET", "/api/v1/rooms/{name}/messages", parse_room_messages, render_messages},
};

}  // namespace

std::span<const Route> api_routes() { return routes; }

}  // namespace parley::http
