#pragma once

#include <optional>
#include <string>
#include <string_view>

// The session cookie lets a browser download a file through a plain link or
// <img>, which can't carry an Authorization header. It is scoped to the
// download path, HttpOnly (no script reads it) and SameSite=Lax.
namespace parley::http {

inline constexpr std::string_view session_cookie_name = "parley_session";

enum class CookieSecurity { plain, secure };  // secure: only over TLS

std::string set_session_cookie(std::string_view token, CookieSecurity security);
std::string clear_session_cookie(CookieSecurity security);

// The parley_session value of a Cookie header; nullopt when absent or empty.
std::optional<std::string> session_cookie(std::string_view cookie_header);

}  // namespace parley::http
