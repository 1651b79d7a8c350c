#pragma once

#include <string_view>

namespace parley::core {

// The contract's stable error codes. Every adapter maps these in one table
// (HTTP status, WebSocket error frame, IRC numeric); the names are the wire codes.
enum class Errc {
    bad_request,
    unknown_command,
    unauthorized,
    forbidden,
    not_found,
    invalid_username,
    invalid_password,
    invalid_field,
    empty_field,
    username_taken,
    invalid_credentials,
    banned,
    rate_limited,
    invalid_room,
    invalid_text,
    not_member,
    blocked,
    too_large,
    unsupported_image,
    room_full,
    wrong_key,
    moderated,
    invite_only,
    bad_attachment,
    quota_exceeded,
    internal,  // keep last: tables indexed by Errc check their size against it
};

// Wire code, e.g. "username_taken".
std::string_view code_name(Errc code);

// A sentence a person can read, used when the handler has nothing more specific.
std::string_view default_message(Errc code);

}  // namespace parley::core
