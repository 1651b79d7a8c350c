#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"

namespace parley::store {

using core::MessageId;
using core::TimeMs;
using core::UserId;

// A failure of the storage itself (disk full, corrupt file, lost connection).
// Expected outcomes such as a taken username are values, never this.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct UserRecord {
    core::User user;
    std::string password_hash;  // empty for deleted accounts
};

struct NewUser {
    std::string username;
    std::string password_hash;
    std::string display_name;
    std::string first_name;
    std::string last_name;
    core::Role role = core::Role::member;
};

struct ProfileUpdate {
    std::optional<std::string> display_name;
    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
};

using core::HistoryQuery;

// A file whose bytes are already in place under `storage_name`.
struct NewFile {
    UserId owner = 0;
    std::string name;  // sanitized, shown to people
    std::int64_t size = 0;
    std::string content_type;
    std::string storage_name;  // random, never from the user
    TimeMs created_at = 0;
};

struct FileRecord {
    core::StoredFile stored;  // attachment.url is filled in
    std::string storage_name;
};

struct Membership {
    std::string room;
    UserId user = 0;
};

struct Block {
    UserId blocker = 0;
    UserId blocked = 0;
};

// The one narrow storage interface. Implementations are used from one thread
// at a time (the store thread), which groups many calls into one transaction:
// begin(); for each job: savepoint(); ...; release_savepoint() or
// rollback_to_savepoint(); commit().
class Store {
public:
    virtual ~Store() = default;

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint() = 0;
    virtual void release_savepoint() = 0;
    virtual void rollback_to_savepoint() = 0;

    // Users. Names are unique without regard to case and stay reserved after deletion.
    virtual core::Result<core::User> create_user(const NewUser& user) = 0;
    virtual std::optional<UserRecord> find_user(UserId id) = 0;
    virtual std::optional<UserRecord> find_user_by_name(std::string_view username) = 0;
    virtual std::vector<core::User> list_users() = 0;  // all but deleted, by id
    virtual void update_profile(UserId id, const ProfileUpdate& update) = 0;
    virtual void set_password_hash(UserId id, std::string_view hash) = 0;
    virtual void set_role(UserId id, core::Role role) = 0;
    virtual void set_banned(UserId id, bool banned) = 0;
    // Erases profile, avatar and password hash, sessions, memberships, bans and
    // blocks of the user; keeps the row (deleted = true) so the id and name are not reused.
    virtual void delete_user(UserId id) = 0;

    // Sessions are kept by the hash of their token only.
    virtual void create_session(std::string_view token_hash, UserId user, TimeMs now) = 0;
    virtual std::optional<UserId> find_session(std::string_view token_hash) = 0;
    virtual void delete_session(std::string_view token_hash) = 0;
    // All sessions of the user except `keep` (if given); returns the removed hashes.
    virtual std::vector<std::string> delete_sessions_of(UserId user,
                                                        std::optional<std::string_view> keep) = 0;

    // Rooms, memberships, room bans and blocks.
    virtual void ensure_room(std::string_view name, TimeMs now) = 0;
    virtual std::vector<core::Room> list_rooms() = 0;
    virtual std::vector<Membership> list_memberships() = 0;
    virtual void add_member(std::string_view room, UserId user) = 0;
    virtual void remove_member(std::string_view room, UserId user) = 0;
    virtual std::vector<Membership> list_room_bans() = 0;
    virtual void add_room_ban(std::string_view room, UserId user) = 0;
    virtual void remove_room_ban(std::string_view room, UserId user) = 0;
    virtual std::vector<Block> list_blocks() = 0;
    virtual void add_block(UserId blocker, UserId blocked) = 0;
    virtual void remove_block(UserId blocker, UserId blocked) = 0;

    // Messages.
    virtual void append_message(const core::Message& message) = 0;
    virtual std::vector<core::Message> history(const HistoryQuery& query) = 0;
    // The newest message of each direct conversation of the viewer (leaving out
    // senders the viewer blocks), newest first, at most `limit`.
    virtual std::vector<core::Message> last_direct_messages(const core::ConversationsQuery& query) = 0;
    virtual MessageId last_message_id() = 0;
    // Messages come back with their attachments (history, last_direct_messages).

    // Files and avatars.
    virtual core::FileId add_file(const NewFile& file) = 0;
    virtual std::optional<FileRecord> find_file(core::FileId id) = 0;
    virtual std::vector<core::StoredFile> list_files() = 0;
    // The uploader, members of a room where a message carrying the file was
    // posted, and both people of a direct message carrying it.
    virtual bool can_read_file(core::FileId id, UserId user) = 0;
    virtual std::int64_t bytes_stored_by(UserId owner) = 0;  // for the quota
    virtual void set_avatar_url(UserId id, const std::optional<std::string>& url) = 0;
    virtual TimeMs last_message_ts() = 0;
};

}  // namespace parley::store
