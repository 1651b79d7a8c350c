#pragma once

#include <filesystem>
#include <memory>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace parley::store {

// The embedded backend: one SQLite file, schema migrated on open.
// Used from one thread at a time, like every Store.
class SqliteStore final : public Store {
public:
    // ":memory:" gives a private in-memory database (tests). Throws StoreError
    // when the file cannot be opened, is not a database, or has a newer schema.
    explicit SqliteStore(const std::filesystem::path& file);

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void release_savepoint() override;
    void rollback_to_savepoint() override;

    core::Result<core::User> create_user(const NewUser& user) override;
    std::optional<UserRecord> find_user(UserId id) override;
    // Also finds a deleted user (deleted = true), whose name stays reserved.
    std::optional<UserRecord> find_user_by_name(std::string_view username) override;
    std::vector<core::User> list_users() override;
    void update_profile(UserId id, const ProfileUpdate& update) override;
    void set_password_hash(UserId id, std::string_view hash) override;
    void set_role(UserId id, core::Role role) override;
    void set_banned(UserId id, bool banned) override;
    void delete_user(UserId id) override;

    void create_session(std::string_view token_hash, UserId user, TimeMs now) override;
    std::optional<UserId> find_session(std::string_view token_hash) override;
    void delete_session(std::string_view token_hash) override;
    std::vector<std::string> delete_sessions_of(UserId user,
                                                std::optional<std::string_view> keep) override;

    void ensure_room(std::string_view name, TimeMs now) override;
    std::vector<core::Room> list_rooms() override;
    std::vector<Membership> list_memberships() override;
    void add_member(std::string_view room, UserId user) override;
    void remove_member(std::string_view room, UserId user) override;
    std::vector<Membership> list_room_bans() override;
    void add_room_ban(std::string_view room, UserId user) override;
    void remove_room_ban(std::string_view room, UserId user) override;
    std::vector<Block> list_blocks() override;
    void add_block(UserId blocker, UserId blocked) override;
    void remove_block(UserId blocker, UserId blocked) override;

    void append_message(const core::Message& message) override;
    std::vector<core::Message> history(const HistoryQuery& query) override;
    std::vector<core::Message> last_direct_messages(
        const core::ConversationsQuery& query) override;
    MessageId last_message_id() override;
    // The time of the message with the highest id.
    TimeMs last_message_ts() override;

    core::FileId add_file(const NewFile& file) override;
    std::optional<FileRecord> find_file(core::FileId id) override;
    std::vector<core::StoredFile> list_files() override;
    bool can_read_file(core::FileId id, UserId user) override;
    std::int64_t bytes_stored_by(UserId owner) override;
    void set_avatar_url(UserId id, const std::optional<std::string>& url) override;

private:
    // Fills in the attachments of a page of messages (any order).
    void add_attachments(std::vector<core::Message>& messages);
    std::optional<UserRecord> find_one_user(std::string_view sql, auto key);
    std::vector<Membership> list_room_pairs(std::string_view sql);
    std::vector<core::Message> history_after(const HistoryQuery& query, MessageId before,
                                             std::int64_t limit);

    sqlite::Connection connection_;
};

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file);

}  // namespace parley::store
