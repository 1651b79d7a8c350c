#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"
#include "net/handlers.hpp"

// Responses whose body is a stored file: downloads and avatars. User files are
// hostile until proven otherwise: nosniff, a sandboxing CSP, and only the
// sniffed image types shown inline, so SVG or HTML is never rendered as a page.
namespace parley::http {

enum class Disposition { inline_view, attachment };

// RFC 6266: `inline` or `attachment`, an ASCII fallback filename, and the
// exact name as filename*=UTF-8''... (RFC 8187).
std::string content_disposition(Disposition disposition, std::string_view name);

net::HttpResponse download_response(const core::Attachment& file, const std::string& path);

// Avatar names are "{user id}-{32 hex digits}.png"; anything else is no avatar.
bool is_avatar_name(std::string_view name);
// Public and immutable: every change of avatar gets a new name.
net::HttpResponse avatar_response(const std::string& path);

}  // namespace parley::http
