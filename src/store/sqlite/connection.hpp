#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite/statement.hpp"

struct sqlite3;

namespace parley::store::sqlite {

// One open database file, configured for a durable server (WAL, full sync,
// foreign keys, busy timeout), with its prepared statements.
// Used from one thread at a time.
class Connection {
public:
    // ":memory:" opens a private in-memory database. Throws StoreError.
    explicit Connection(const std::filesystem::path& file);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The statement for `sql`, prepared on first use and kept for the life of the connection.
    Statement& prepared(std::string_view sql);

    // Runs fixed SQL text holding any number of statements (a migration script).
    // Never for SQL that contains a value: those go through prepared().
    void execute_script(std::string_view sql);

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };

    void configure(const std::filesystem::path& file);
    std::string read_text_pragma(std::string_view sql);

    // Declared before the statements so it is closed after they are finalized.
    std::unique_ptr<sqlite3, Closer> db_;
    std::map<std::string, Statement, std::less<>> statements_;
};

}  // namespace parley::store::sqlite
