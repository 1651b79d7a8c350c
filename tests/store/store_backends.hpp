#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace parley::store::testing {

// A fresh private directory, removed with everything in it.
class TempDirectory {
public:
    TempDirectory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "parley-store-XXXXXX");
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The backends every store test runs on. A backend opens fresh, empty stores;
// PostgreSQL joins this list when it exists.
struct SqliteMemoryBackend {
    static constexpr const char* name = "SqliteMemory";
    std::unique_ptr<Store> open() { return open_sqlite_store(":memory:"); }
};

struct SqliteFileBackend {
    static constexpr const char* name = "SqliteFile";
    std::unique_ptr<Store> open() { return open_sqlite_store(directory_.path() / "parley.db"); }

private:
    TempDirectory directory_;
};

using Backends = ::testing::Types<SqliteMemoryBackend, SqliteFileBackend>;

struct BackendNames {
    template <typename Backend>
    static std::string GetName(int) {
        return Backend::name;
    }
};

}  // namespace parley::store::testing
