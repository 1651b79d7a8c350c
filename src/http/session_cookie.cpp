#include "http/session_cookie.hpp"

namespace parley::http {

namespace {

std::string attributes(CookieSecurity security) {
    std::string out = "; Path=/api/v1/files; HttpOnly; SameSite=Lax";
    if (security == CookieSecurity::secure) out += "; Secure";
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string set_session_cookie(std::string_view token, CookieSecurity security) {
    // Tokens are URL-safe characters, valid in a cookie value as they are.
    return std::string(session_cookie_name) + "=" + std::string(token) + attributes(security);
}

std::string clear_session_cookie(CookieSecurity security) {
    return std::string(session_cookie_name) + "=" + attributes(security) + "; Max-Age=0";
}

std::optional<std::string> session_cookie(std::string_view cookie_header) {
    while (!cookie_header.empty()) {
        auto end = cookie_header.find(';');
        auto pair = trim(cookie_header.substr(0, end));
        cookie_header.remove_prefix(end == std::string_view::npos ? cookie_header.size() : end + 1);
        auto equals = pair.find('=');
        if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != session_cookie_name) {
            continue;
        }
        auto value = trim(pair.substr(equals + 1));
        if (!value.empty()) return std::string(value);
    }
    return std::nullopt;
}

}  // namespace parley::http
