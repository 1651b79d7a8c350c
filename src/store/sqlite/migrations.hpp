#pragma once

#include <span>
#include <string_view>

namespace parley::store::sqlite {

// One schema step; after it runs, PRAGMA user_version equals `version`.
struct Migration {
    int version = 0;
    std::string_view name;  // file name without ".sql", e.g. "0001_initial"
    std::string_view sql;
};

// src/store/migrations/*.sql in order (versions 1, 2, ...), embedded at build
// time by embed_migrations.cmake.
std::span<const Migration> embedded_migrations();

}  // namespace parley::store::sqlite
