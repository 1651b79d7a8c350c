#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace parley::store::sqlite {

// One prepared statement. Values are always bound, never spliced into SQL text.
// Every run binds, steps to the end and resets, so a statement never stays
// active between calls (an active statement would hold locks and bound values).
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds `args` to ?1, ?2, ... and runs; `on_row(const Statement&)` sees each row.
    template <typename OnRow, typename... Args>
    void query(OnRow&& on_row, const Args&... args) {
        try {
            bind_all(args...);
            while (step()) {
                on_row(std::as_const(*this));
            }
        } catch (...) {
            reset();
            throw;
        }
        reset();
    }

    // Runs a statement whose rows, if any, are not needed.
    template <typename... Args>
    void execute(const Args&... args) {
        query([](const Statement&) {}, args...);
    }

    // Runs and returns the first column of the first row, if there is one.
    template <typename... Args>
    std::optional<std::int64_t> query_int64(const Args&... args) {
        std::optional<std::int64_t> value;
        query(
            [&value](const Statement& row) {
                if (!value) value = row.column_int64(0);
            },
            args...);
        return value;
    }

    std::int64_t column_int64(int column) const;
    bool column_is_null(int column) const;
    std::string column_text(int column) const;
    std::optional<std::string> column_optional_text(int column) const;
    std::optional<std::int64_t> column_optional_int64(int column) const;

private:
    template <typename... Args>
    void bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
    }

    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view value);
    void bind(int index, std::nullopt_t);
    template <typename T>
    void bind(int index, const std::optional<T>& value) {
        if (value) {
            bind(index, *value);
        } else {
            bind(index, std::nullopt);
        }
    }

    bool step();
    void reset() noexcept;
    [[noreturn]] void fail(std::string_view what) const;

    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace parley::store::sqlite
