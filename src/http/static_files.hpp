#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "net/handlers.hpp"

namespace parley::http {

// The built web client, read into memory once at start-up: it is small, and
// serving from memory keeps file I/O off the shards and a half-written file
// (a rebuild in progress) out of every response.
class StaticFiles {
public:
    StaticFiles() = default;
    // Reads every regular file under `root`. A missing folder gives an empty set.
    static StaticFiles load(const std::filesystem::path& root);

    bool empty() const { return files_.empty(); }
    std::size_t size() const { return files_.size(); }

    // GET of `path` (percent-decoded, starting with '/'); "/" is index.html.
    // nullopt when there is no such file.
    std::optional<net::HttpResponse> serve(std::string_view method, std::string_view path) const;

private:
    struct File {
        std::string content_type;
        std::string body;
        bool immutable = false;  // Vite's hashed assets never change under one name
    };
    std::unordered_map<std::string, File> files_;
};

}  // namespace parley::http
