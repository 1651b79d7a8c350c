#pragma once

#include "http/route.hpp"

// One parser per route: from the HTTP request to the core::Request it asks for.
// Input errors are values (bad_request, not_found), never exceptions.
namespace parley::http {

core::Result<core::Request> parse_register(const RouteInput& input);
core::Result<core::Request> parse_login(const RouteInput& input);
core::Result<core::Request> parse_logout(const RouteInput& input);
core::Result<core::Request> parse_get_me(const RouteInput& input);
core::Result<core::Request> parse_update_me(const RouteInput& input);
core::Result<core::Request> parse_change_password(const RouteInput& input);
core::Result<core::Request> parse_delete_me(const RouteInput& input);
core::Result<core::Request> parse_get_user(const RouteInput& input);
core::Result<core::Request> parse_list_users(const RouteInput& input);
core::Result<core::Request> parse_list_rooms(const RouteInput& input);
core::Result<core::Request> parse_room_messages(const RouteInput& input);
// Uploads take the raw body: no JSON, and no trust in Content-Type or a name.
core::Result<core::Request> parse_set_avatar(const RouteInput& input);
core::Result<core::Request> parse_delete_avatar(const RouteInput& input);
core::Result<core::Request> parse_upload_file(const RouteInput& input);
core::Result<core::Request> parse_get_file(const RouteInput& input);
core::Result<core::Request> parse_check_session(const RouteInput& input);

}  // namespace parley::http
