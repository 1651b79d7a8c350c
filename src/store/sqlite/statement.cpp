#include "store/sqlite/statement.hpp"

#include <sqlite3.h>

#include <string>

#include "store/store.hpp"

namespace parley::store::sqlite {

namespace {

// Enough of the statement to recognise it in a log, without the whole schema.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t max_length = 80;
    std::string text(sql);
    if (text.size() > max_length) {
        text.resize(max_length);
        text += "...";
    }
    return text;
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &statement_, &tail);
    if (rc != SQLITE_OK) {
        throw StoreError("cannot prepare SQL: " + std::string(sqlite3_errmsg(db_)) +
                         " (in: " + excerpt(sql) + ")");
    }
    // One statement per object: a second one would be silently ignored by SQLite.
    std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (statement_ == nullptr || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        sqlite3_finalize(statement_);
        throw StoreError("cannot prepare SQL: expected exactly one statement (in: " + excerpt(sql) +
                         ")");
    }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        db_ = std::exchange(other.db_, nullptr);
        statement_ = std::exchange(other.statement_, nullptr);
    }
    return *this;
}

std::int64_t Statement::column_int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string Statement::column_text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (text == nullptr) return {};
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::string> Statement::column_optional_text(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_text(column);
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_int64(column);
}

void Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail("bind");
}

void Statement::bind(int index, std::string_view value) {
    // An empty view may have a null data pointer, which SQLite would bind as NULL.
    const char* data = value.data() != nullptr ? value.data() : "";
    if (sqlite3_bind_text(statement_, index, data, static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail("bind");
    }
}

void Statement::bind(int index, std::nullopt_t) {
    if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail("bind");
}

bool Statement::step() {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail("step");
}

void Statement::reset() noexcept {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

void Statement::fail(std::string_view what) const {
    throw StoreError("SQL " + std::string(what) + " failed: " + sqlite3_errmsg(db_) +
                     " (in: " + excerpt(sqlite3_sql(statement_)) + ")");
}

}  // namespace parley::store::sqlite
