#include "store/sqlite/migrator.hpp"

#include <string>

#include "store/store.hpp"

namespace parley::store::sqlite {

namespace {

void check_sequence(std::span<const Migration> migrations) {
    int expected = 1;
    for (const Migration& migration : migrations) {
        if (migration.version != expected) {
            throw StoreError("migration " + std::string(migration.name) + " has version " +
                             std::to_string(migration.version) + ", expected " +
                             std::to_string(expected));
        }
        ++expected;
    }
}

void refuse_newer(int current, int newest) {
    if (current > newest) {
        throw StoreError("database schema version " + std::to_string(current) +
                         " is newer than this program knows (" + std::to_string(newest) +
                         "); use a newer parleyd");
    }
}

// Another process (a CLI next to the server) may migrate at the same time, so
// the version is read again under the write lock before anything is changed.
void apply_one(Connection& connection, const Migration& migration, int newest) {
    connection.execute_script("BEGIN IMMEDIATE");
    try {
        int current = schema_version(connection);
        refuse_newer(current, newest);
        if (current < migration.version) {
            connection.execute_script(migration.sql);
            // PRAGMA takes no bound parameters; the value is our own constant.
            connection.execute_script("PRAGMA user_version = " + std::to_string(migration.version));
        }
        connection.execute_script("COMMIT");
    } catch (const StoreError& error) {
        try {
            connection.execute_script("ROLLBACK");
        } catch (const StoreError&) {
            // SQLite may already have rolled back; the original error is the one to report.
        }
        throw StoreError("migration " + std::string(migration.name) + " failed: " + error.what());
    }
}

}  // namespace

int schema_version(Connection& connection) {
    return static_cast<int>(connection.prepared("PRAGMA user_version").query_int64().value_or(0));
}

void apply_migrations(Connection& connection, std::span<const Migration> migrations) {
    check_sequence(migrations);
    const int newest = migrations.empty() ? 0 : migrations.back().version;
    const int current = schema_version(connection);
    refuse_newer(current, newest);
    for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(current))) {
        apply_one(connection, migration, newest);
    }
}

}  // namespace parley::store::sqlite
