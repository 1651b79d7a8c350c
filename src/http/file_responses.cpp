#include "http/file_responses.hpp"

#include "core/file_url.hpp"

namespace parley::http {

namespace {

// Nothing from the file may run, load or frame anything, even if a browser
// renders it from our origin.
constexpr const char* sandbox_policy = "sandbox; default-src 'none'; frame-ancestors 'none'";

bool is_inline_image(std::string_view content_type) {
    return content_type == "image/png" || content_type == "image/jpeg" ||
           content_type == "image/webp" || content_type == "image/gif";
}

// Printable ASCII without the quote and backslash that would end or escape the quoted string.
std::string ascii_fallback(std::string_view name) {
    std::string out;
    for (char ch : name) {
        auto c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) == 0x80) continue;  // one '_' per non-ASCII character, not per byte
        out += (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '%') ? '_' : ch;
    }
    return out.empty() ? "file" : out;
}

void add_file_headers(net::HttpResponse& response) {
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Content-Security-Policy", sandbox_policy);
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
}

}  // namespace

std::string content_disposition(Disposition disposition, std::string_view name) {
    std::string out = disposition == Disposition::inline_view ? "inline" : "attachment";
    out += "; filename=\"" + ascii_fallback(name) + "\"";
    out += "; filename*=UTF-8''" + core::percent_encode(name);
    return out;
}

net::HttpResponse download_response(const core::Attachment& file, const std::string& path) {
    net::HttpResponse response;
    bool image = is_inline_image(file.content_type);
    // Whatever was stored, only the four image types keep their type; the rest
    // is served as bytes to save, never as something to display.
    response.content_type = image ? file.content_type : "application/octet-stream";
    response.body_file = path;
    response.headers.emplace_back(
        "Content-Disposition",
        content_disposition(image ? Disposition::inline_view : Disposition::attachment,
                            file.name));
    add_file_headers(response);
    // A file never changes under its id, but who may read it can: private, revalidated daily.
    response.headers.emplace_back("Cache-Control", "private, max-age=86400");
    response.headers.emplace_back("ETag", "\"file-" + std::to_string(file.id) + "\"");
    return response;
}

bool is_avatar_name(std::string_view name) {
    auto dash = name.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash > 19) return false;
    for (char c : name.substr(0, dash)) {
        if (c < '0' || c > '9') return false;
    }
    auto rest = name.substr(dash + 1);
    if (rest.size() != 32 + 4 || !rest.ends_with(".png")) return false;
    for (char c : rest.substr(0, 32)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

net::HttpResponse avatar_response(const std::string& path) {
    net::HttpResponse response;
    response.content_type = "image/png";
    response.body_file = path;
    add_file_headers(response);
    // Avatars are shown on other pages of the same site only; public caches may keep them.
    response.headers.back() = {"Cross-Origin-Resource-Policy", "same-site"};
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    return response;
}

}  // namespace parley::http
