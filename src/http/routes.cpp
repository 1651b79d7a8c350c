#include "http/routes.hpp"

#include <array>

#include "http/parsers.hpp"
#include "http/renderers.hpp"

namespace parley::http {

namespace {

constexpr std::array routes{
    Route{"GET", "/health", nullptr, render_health},
    Route{"POST", "/api/v1/register", parse_register, render_created_session, Auth::bearer,
          CookieAction::set_from_reply},
    Route{"POST", "/api/v1/login", parse_login, render_session, Auth::bearer,
          CookieAction::set_from_reply},
    Route{"POST", "/api/v1/logout", parse_logout, render_no_content, Auth::bearer,
          CookieAction::clear},
    Route{"GET", "/api/v1/me", parse_get_me, render_user},
    Route{"PATCH", "/api/v1/me", parse_update_me, render_user},
    Route{"DELETE", "/api/v1/me", parse_delete_me, render_no_content},
    Route{"POST", "/api/v1/me/password", parse_change_password, render_no_content},
    Route{"PUT", "/api/v1/me/avatar", parse_set_avatar, render_user},
    Route{"DELETE", "/api/v1/me/avatar", parse_delete_avatar, render_user},
    Route{"POST", "/api/v1/me/cookie", parse_check_session, render_no_content, Auth::bearer,
          CookieAction::set_from_bearer},
    Route{"POST", "/api/v1/files", parse_upload_file, render_file_stored},
    Route{"GET", "/api/v1/files/{id}/{name}", parse_get_file, render_file,
          Auth::bearer_or_cookie},
    Route{"GET", "/api/v1/users", parse_list_users, render_users},
    Route{"GET", "/api/v1/users/{id}", parse_get_user, render_user},
    Route{"GET", "/api/v1/rooms", parse_list_rooms, render_rooms},
    Route{"GET", "/api/v1/rooms/{name}/messages", parse_room_messages, render_messages},
};

}  // namespace

std::span<const Route> api_routes() { return routes; }

}  // namespace parley::http
