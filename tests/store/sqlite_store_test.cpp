#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <string>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/migrator.hpp"
#include "store_backends.hpp"

namespace parley::store::testing {
namespace {

// Reads a one-value PRAGMA through a connection of its own, as another process would.
std::string read_pragma(const std::filesystem::path& file, const std::string& pragma) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    std::string value;
    std::string sql = "PRAGMA " + pragma;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

void set_user_version(const std::filesystem::path& file, int version) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    std::string sql = "PRAGMA user_version = " + std::to_string(version);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}

// Expects `open` to throw a StoreError whose message contains every one of `parts`.
template <typename Open>
void expect_store_error(Open open, std::initializer_list<std::string> parts) {
    try {
        open();
        ADD_FAILURE() << "expected a StoreError";
    } catch (const StoreError& error) {
        for (const std::string& part : parts) {
            EXPECT_NE(std::string(error.what()).find(part), std::string::npos)
                << "message: " << error.what() << "\nmissing: " << part;
        }
    }
}

class SqliteStoreTest : public ::testing::Test {
protected:
    std::filesystem::path file() const { return directory_.path() / "data" / "parley.db"; }

    TempDirectory directory_;
};

TEST_F(SqliteStoreTest, CreatesTheParentDirectory) {
    EXPECT_FALSE(std::filesystem::exists(file().parent_path()));
    open_sqlite_store(file());
    EXPECT_TRUE(std::filesystem::exists(file()));
}

TEST_F(SqliteStoreTest, UsesWriteAheadLogAndRecordsTheSchemaVersion) {
    open_sqlite_store(file());
    EXPECT_EQ(read_pragma(file(), "journal_mode"), "wal");
    EXPECT_EQ(read_pragma(file(), "user_version"),
              std::to_string(sqlite::embedded_migrations().back().version));
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
    UserId alice = 0;
    {
        std::unique_ptr<Store> store = open_sqlite_store(file());
        NewUser user;
        user.username = "alice";
        alice = store->create_user(user)->id;
        store->ensure_room("cpp", 1);
        store->add_member("cpp", alice);
        store->create_session("token", alice, 1);
        core::Message message{.id = 5, .room = "cpp", .from = alice, .text = "hi", .ts = 77};
        store->append_message(message);
    }
    std::unique_ptr<Store> store = open_sqlite_store(file());
    EXPECT_EQ(store->find_user_by_name("ALICE")->user.id, alice);
    EXPECT_EQ(store->list_rooms().size(), 2u);
    EXPECT_EQ(store->list_memberships().size(), 1u);
    EXPECT_EQ(store->find_session("token"), alice);
    EXPECT_EQ(store->last_message_id(), 5);
    EXPECT_EQ(store->last_message_ts(), 77);
}

TEST_F(SqliteStoreTest, TwoConnectionsShareOneFile) {
    // The server and a `parleyd user add` process open the same file.
    std::unique_ptr<Store> server = open_sqlite_store(file());
    std::unique_ptr<Store> command_line = open_sqlite_store(file());
    NewUser user;
    user.username = "admin";
    ASSERT_TRUE(command_line->create_user(user).ok());
    EXPECT_TRUE(server->find_user_by_name("admin").has_value());
    EXPECT_EQ(server->create_user(user).error().code, core::Errc::username_taken);
}

TEST_F(SqliteStoreTest, RefusesANewerSchema) {
    open_sqlite_store(file());
    set_user_version(file(), 999);
    expect_store_error([&] { open_sqlite_store(file()); }, {file().string(), "999", "newer"});
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
    std::filesystem::create_directories(file().parent_path());
    std::ofstream(file()) << "this is not an SQLite database, just some text that is long enough";
    expect_store_error([&] { open_sqlite_store(file()); }, {file().string(), "not a database"});
}

TEST_F(SqliteStoreTest, RefusesAPathThatCannotBeOpened) {
    std::filesystem::create_directories(file());  // a directory where the file should be
    expect_store_error([&] { open_sqlite_store(file()); }, {file().string()});
}

TEST_F(SqliteStoreTest, RefusesADirectoryThatCannotBeCreated) {
    std::ofstream(directory_.path() / "data") << "a file, not a directory";
    expect_store_error([&] { open_sqlite_store(file()); }, {"data"});
}

TEST(SqliteMigrationsTest, EmbeddedMigrationsAreNumberedFromOne) {
    std::span<const sqlite::Migration> migrations = sqlite::embedded_migrations();
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().name, "0001_initial");
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
        EXPECT_FALSE(migrations[i].sql.empty());
    }
}

TEST(SqliteMigrationsTest, OnlyMissingMigrationsRunAndEachIsAtomic) {
    TempDirectory directory;
    const sqlite::Migration steps[] = {
        {1, "0001_first", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
        {2, "0002_second", "INSERT INTO a VALUES (2);"},
        {3, "0003_broken", "INSERT INTO a VALUES (3); INSERT INTO missing VALUES (1);"},
    };
    sqlite::Connection connection(directory.path() / "m.db");
    sqlite::apply_migrations(connection, std::span(steps, 1));
    EXPECT_EQ(sqlite::schema_version(connection), 1);
    sqlite::apply_migrations(connection, std::span(steps, 2));
    sqlite::apply_migrations(connection, std::span(steps, 2));
    EXPECT_EQ(sqlite::schema_version(connection), 2);
    EXPECT_EQ(connection.prepared("SELECT count(*) FROM a").query_int64(), 2);

    expect_store_error([&] { sqlite::apply_migrations(connection, steps); },
                       {"0003_broken", "missing"});
    EXPECT_EQ(sqlite::schema_version(connection), 2);
    EXPECT_EQ(connection.prepared("SELECT count(*) FROM a").query_int64(), 2);
}

TEST(SqliteMigrationsTest, RefusesAGapInTheNumbering) {
    const sqlite::Migration steps[] = {{1, "0001_a", "SELECT 1;"}, {3, "0003_c", "SELECT 1;"}};
    sqlite::Connection connection(":memory:");
    expect_store_error([&] { sqlite::apply_migrations(connection, steps); }, {"0003_c"});
}

TEST(SqliteStatementTest, ValuesAreBoundNotSpliced) {
    sqlite::Connection connection(":memory:");
    connection.execute_script("CREATE TABLE t (name TEXT NOT NULL)");
    std::string hostile = "x'); DROP TABLE t; --";
    connection.prepared("INSERT INTO t (name) VALUES (?1)").execute(hostile);
    connection.prepared("INSERT INTO t (name) VALUES (?1)").execute(std::string_view{});
    std::vector<std::string> names;
    connection.prepared("SELECT name FROM t ORDER BY rowid")
        .query([&names](const sqlite::Statement& row) { names.push_back(row.column_text(0)); });
    EXPECT_EQ(names, (std::vector<std::string>{hostile, ""}));
}

TEST(SqliteStatementTest, ErrorsNameTheStatement) {
    sqlite::Connection connection(":memory:");
    expect_store_error([&] { connection.prepared("SELECT nope FROM nowhere"); }, {"nowhere"});
    expect_store_error([&] { connection.prepared("SELECT 1; SELECT 2"); }, {"one statement"});
    connection.execute_script("CREATE TABLE t (x INTEGER PRIMARY KEY)");
    sqlite::Statement& insert = connection.prepared("INSERT INTO t (x) VALUES (?1)");
    insert.execute(std::int64_t{1});
    expect_store_error([&] { insert.execute(std::int64_t{1}); }, {"UNIQUE", "INSERT INTO t"});
    insert.execute(std::int64_t{2});  // usable again after a failure
}

TEST(SqliteStoreMisuseTest, ForeignKeysAreEnforced) {
    std::unique_ptr<Store> store = open_sqlite_store(":memory:");
    EXPECT_THROW(store->add_member("no-such-room", 1), StoreError);
    EXPECT_THROW(store->create_session("token", 42, 1), StoreError);
}

TEST(SqliteStoreMisuseTest, MessageNeedsExactlyOneDestination) {
    std::unique_ptr<Store> store = open_sqlite_store(":memory:");
    core::Message neither{.id = 1, .from = 1, .text = "x"};
    EXPECT_THROW(store->append_message(neither), std::invalid_argument);
    HistoryQuery query;
    EXPECT_THROW(store->history(query), std::invalid_argument);
}

}  // namespace
}  // namespace parley::store::testing
