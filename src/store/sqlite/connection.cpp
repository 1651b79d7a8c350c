#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

#include <string>
#include <system_error>

#include "store/store.hpp"

namespace parley::store::sqlite {

namespace {

constexpr std::string_view memory_path = ":memory:";

// A `parleyd user add` process may hold the write lock for a moment while the
// server runs; wait for it rather than fail.
constexpr int busy_timeout_ms = 5000;

void create_parent_directory(const std::filesystem::path& file) {
    if (file.native() == memory_path || !file.has_parent_path()) return;
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
        throw StoreError("cannot create directory " + file.parent_path().string() + ": " +
                         error.message());
    }
}

}  // namespace

void Connection::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Connection::Connection(const std::filesystem::path& file) {
    create_parent_directory(file);
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
    db_.reset(db);
    if (rc != SQLITE_OK) {
        std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        throw StoreError("cannot open database " + file.string() + ": " + reason);
    }
    try {
        configure(file);
    } catch (const StoreError& error) {
        // SQLite opens lazily: a file that is not a database is only noticed here.
        throw StoreError("cannot open database " + file.string() + ": " + error.what());
    }
}

void Connection::configure(const std::filesystem::path& file) {
    sqlite3_extended_result_codes(db_.get(), 1);
    if (sqlite3_busy_timeout(db_.get(), busy_timeout_ms) != SQLITE_OK) {
        throw StoreError(sqlite3_errmsg(db_.get()));
    }
    // WAL lets readers (a CLI, a backup) work while the server writes.
    std::string mode = read_text_pragma("PRAGMA journal_mode = WAL");
    if (file.native() != memory_path && mode != "wal") {
        throw StoreError("cannot switch to WAL journal mode (got " + mode + ")");
    }
    // An acknowledged message must survive a crash or kill -9; commits are
    // grouped by the StoreWorker, so a sync per commit is affordable.
    execute_script("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
}

std::string Connection::read_text_pragma(std::string_view sql) {
    std::string value;
    Statement(db_.get(), sql).query([&value](const Statement& row) { value = row.column_text(0); });
    return value;
}

Statement& Connection::prepared(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        found = statements_.emplace(std::string(sql), Statement(db_.get(), sql)).first;
    }
    return found->second;
}

void Connection::execute_script(std::string_view sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw StoreError(reason);
    }
}

}  // namespace parley::store::sqlite
