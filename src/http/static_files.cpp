#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>

#include "http/security_headers.hpp"

namespace parley::http {

namespace fs = std::filesystem;

namespace {

std::string content_type_of(const fs::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> types{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    }};
    auto extension = file.extension().string();
    for (const auto& [ext, type] : types) {
        if (ext == extension) return std::string(type);
    }
    return "application/octet-stream";
}

std::string read_whole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

StaticFiles StaticFiles::load(const fs::path& root) {
    StaticFiles files;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto relative = fs::relative(it->path(), root, ec).generic_string();
        if (ec) continue;
        bool hashed = relative.rfind("assets/", 0) == 0;
        files.files_["/" + relative] =
            File{content_type_of(it->path()), read_whole(it->path()), hashed};
    }
    return files;
}

std::optional<net::HttpResponse> StaticFiles::serve(std::string_view method,
                                                    std::string_view path) const {
    if (method != "GET") return std::nullopt;
    auto it = files_.find(path == "/" ? std::string("/index.html") : std::string(path));
    if (it == files_.end()) return std::nullopt;
    net::HttpResponse response;
    response.content_type = it->second.content_type;
    response.body = it->second.body;
    response.headers.emplace_back("Cache-Control", it->second.immutable
                                                       ? "public, max-age=31536000, immutable"
                                                       : "no-cache");
    add_security_headers(response);
    return response;
}

}  // namespace parley::http
