#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/migrator.hpp"
#include "store/sqlite/queries.hpp"

namespace parley::store {

namespace {

using sqlite::Statement;
namespace queries = sqlite::queries;

constexpr int min_history_limit = 1;
constexpr int max_history_limit = 100;

std::string_view role_name(core::Role role) {
    return role == core::Role::admin ? "admin" : "member";
}

core::Role role_from_name(std::string_view name) {
    return name == "admin" ? core::Role::admin : core::Role::member;
}

// Reads a row in the column order of queries::select_user_*.
UserRecord read_user(const Statement& row) {
    UserRecord record;
    core::User& user = record.user;
    user.id = row.column_int64(0);
    user.username = row.column_text(1);
    user.display_name = row.column_text(2);
    user.first_name = row.column_text(3);
    user.last_name = row.column_text(4);
    user.avatar_url = row.column_optional_text(5);
    user.role = role_from_name(row.column_text(6));
    user.banned = row.column_int64(7) != 0;
    user.deleted = row.column_int64(8) != 0;
    record.password_hash = row.column_text(9);
    user.guest = row.column_int64(10) != 0;
    return record;
}

// Reads a row in the column order of queries::select_*_history.
core::Message read_message(const Statement& row) {
    core::Message message;
    message.id = row.column_int64(0);
    message.room = row.column_optional_text(1);
    message.from = row.column_int64(2);
    message.to = row.column_optional_int64(3);
    message.text = row.column_text(4);
    message.ts = row.column_int64(5);
    return message;
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file) : connection_(file) {
    try {
        sqlite::apply_migrations(connection_, sqlite::embedded_migrations());
    } catch (const StoreError& error) {
        throw StoreError("database " + file.string() + ": " + error.what());
    }
}

void SqliteStore::begin() { connection_.prepared(queries::begin).execute(); }

void SqliteStore::commit() { connection_.prepared(queries::commit).execute(); }

void SqliteStore::rollback() { connection_.prepared(queries::rollback).execute(); }

void SqliteStore::savepoint() { connection_.prepared(queries::savepoint).execute(); }

void SqliteStore::release_savepoint() {
    connection_.prepared(queries::release_savepoint).execute();
}

void SqliteStore::rollback_to_savepoint() {
    // ROLLBACK TO keeps the savepoint open; release it so the next job's
    // SAVEPOINT starts at the same depth instead of nesting ever deeper.
    connection_.prepared(queries::rollback_to_savepoint).execute();
    connection_.prepared(queries::release_savepoint).execute();
}

core::Result<core::User> SqliteStore::create_user(const NewUser& user) {
    std::optional<std::int64_t> id =
        connection_.prepared(queries::insert_user)
            .query_int64(user.username, user.display_name, user.first_name, user.last_name,
                         user.password_hash, role_name(user.role));
    // ON CONFLICT DO NOTHING returns no row when the name (in any case) exists.
    if (!id) return core::Errc::username_taken;
    core::User created;
    created.id = *id;
    created.username = user.username;
    created.display_name = user.display_name;
    created.first_name = user.first_name;
    created.last_name = user.last_name;
    created.role = user.role;
    return created;
}

std::optional<UserRecord> SqliteStore::find_one_user(std::string_view sql, auto key) {
    std::optional<UserRecord> found;
    connection_.prepared(sql).query([&found](const Statement& row) { found = read_user(row); },
                                    key);
    return found;
}

core::User SqliteStore::create_guest(std::string_view nick) {
    core::User guest;
    connection_.prepared(queries::insert_guest)
        .query([&guest](const Statement& row) { guest.id = row.column_int64(0); }, nick);
    if (guest.id == 0) throw StoreError("a guest row was not created");
    guest.username = std::string(nick);
    guest.display_name = guest.username;
    guest.guest = true;
    return guest;
}

std::optional<UserRecord> SqliteStore::find_user(UserId id) {
    return find_one_user(queries::select_user_by_id, id);
}

std::optional<UserRecord> SqliteStore::find_user_by_name(std::string_view username) {
    return find_one_user(queries::select_user_by_name, username);
}

std::vector<core::User> SqliteStore::list_users() {
    std::vector<core::User> users;
    connection_.prepared(queries::select_users).query([&users](const Statement& row) {
        users.push_back(read_user(row).user);
    });
    return users;
}

void SqliteStore::update_profile(UserId id, const ProfileUpdate& update) {
    connection_.prepared(queries::update_profile)
        .execute(id, update.display_name, update.first_name, update.last_name);
}

void SqliteStore::set_password_hash(UserId id, std::string_view hash) {
    connection_.prepared(queries::update_password_hash).execute(id, hash);
}

void SqliteStore::set_role(UserId id, core::Role role) {
    connection_.prepared(queries::update_role).execute(id, role_name(role));
}

void SqliteStore::set_banned(UserId id, bool banned) {
    connection_.prepared(queries::update_banned).execute(id, std::int64_t{banned ? 1 : 0});
}

void SqliteStore::delete_user(UserId id) {
    // A savepoint of its own: a half-deleted user (sessions still valid) must
    // never be committed, also when called outside a transaction (the CLI).
    connection_.prepared(queries::savepoint_delete).execute();
    try {
        for (std::string_view sql : {queries::tombstone_user, queries::delete_user_sessions,
                                     queries::delete_user_memberships,
                                     queries::delete_user_room_bans, queries::delete_user_blocks,
                                     queries::delete_user_room_roles}) {
            connection_.prepared(sql).execute(id);
        }
    } catch (...) {
        connection_.prepared(queries::rollback_to_delete).execute();
        connection_.prepared(queries::release_delete).execute();
        throw;
    }
    connection_.prepared(queries::release_delete).execute();
}

void SqliteStore::create_session(std::string_view token_hash, UserId user, TimeMs now) {
    connection_.prepared(queries::insert_session).execute(token_hash, user, now);
}

std::optional<UserId> SqliteStore::find_session(std::string_view token_hash) {
    return connection_.prepared(queries::select_session).query_int64(token_hash);
}

void SqliteStore::delete_session(std::string_view token_hash) {
    connection_.prepared(queries::delete_session).execute(token_hash);
}

std::vector<std::string> SqliteStore::delete_sessions_of(UserId user,
                                                         std::optional<std::string_view> keep) {
    std::vector<std::string> removed;
    connection_.prepared(queries::delete_sessions_of)
        .query([&removed](const Statement& row) { removed.push_back(row.column_text(0)); }, user,
               keep);
    // RETURNING gives no particular order; a sorted list is easier to test and log.
    std::sort(removed.begin(), removed.end());
    return removed;
}

void SqliteStore::ensure_room(std::string_view name, TimeMs now) {
    connection_.prepared(queries::insert_room).execute(name, now);
}

std::vector<core::Room> SqliteStore::list_rooms() {
    std::vector<core::Room> rooms;
    connection_.prepared(queries::select_rooms).query([&rooms](const Statement& row) {
        core::Room room{row.column_text(0), row.column_text(1)};
        room.topic_by = row.column_text(2);
        room.topic_at = row.column_int64(3);
        room.modes.topic_locked = row.column_int64(4) != 0;
        room.modes.moderated = row.column_int64(5) != 0;
        room.modes.secret = row.column_int64(6) != 0;
        room.modes.key = row.column_text(7);
        room.modes.limit = static_cast<int>(row.column_int64(8));
        room.modes.invite_only = row.column_int64(9) != 0;
        rooms.push_back(std::move(room));
    });
    return rooms;
}

void SqliteStore::save_room(const core::Room& room) {
    const core::RoomModes& m = room.modes;
    connection_.prepared(queries::update_room)
        .execute(room.name, room.topic, room.topic_by, room.topic_at,
                 static_cast<std::int64_t>(m.topic_locked), static_cast<std::int64_t>(m.moderated),
                 static_cast<std::int64_t>(m.secret), m.key, static_cast<std::int64_t>(m.limit),
                 static_cast<std::int64_t>(m.invite_only));
}

std::vector<RoomRoleGrant> SqliteStore::list_room_roles() {
    std::vector<RoomRoleGrant> grants;
    connection_.prepared(queries::select_room_roles).query([&grants](const Statement& row) {
        auto role = row.column_int64(2) == 2 ? core::RoomRole::op : core::RoomRole::voice;
        grants.push_back(RoomRoleGrant{row.column_text(0), row.column_int64(1), role});
    });
    return grants;
}

void SqliteStore::set_room_role(std::string_view room, UserId user, core::RoomRole role) {
    if (role == core::RoomRole::member) {
        connection_.prepared(queries::delete_room_role).execute(room, user);
        return;
    }
    std::int64_t stored = role == core::RoomRole::op ? 2 : 1;
    connection_.prepared(queries::upsert_room_role).execute(room, user, stored);
}

std::vector<Membership> SqliteStore::list_room_pairs(std::string_view sql) {
    std::vector<Membership> pairs;
    connection_.prepared(sql).query([&pairs](const Statement& row) {
        pairs.push_back(Membership{row.column_text(0), row.column_int64(1)});
    });
    return pairs;
}

std::vector<Membership> SqliteStore::list_memberships() {
    return list_room_pairs(queries::select_memberships);
}

void SqliteStore::add_member(std::string_view room, UserId user) {
    connection_.prepared(queries::insert_membership).execute(room, user);
}

void SqliteStore::remove_member(std::string_view room, UserId user) {
    connection_.prepared(queries::delete_membership).execute(room, user);
}

std::vector<Membership> SqliteStore::list_room_bans() {
    return list_room_pairs(queries::select_room_bans);
}

void SqliteStore::add_room_ban(std::string_view room, UserId user) {
    connection_.prepared(queries::insert_room_ban).execute(room, user);
}

void SqliteStore::remove_room_ban(std::string_view room, UserId user) {
    connection_.prepared(queries::delete_room_ban).execute(room, user);
}

std::vector<Block> SqliteStore::list_blocks() {
    std::vector<Block> blocks;
    connection_.prepared(queries::select_blocks).query([&blocks](const Statement& row) {
        blocks.push_back(Block{row.column_int64(0), row.column_int64(1)});
    });
    return blocks;
}

void SqliteStore::add_block(UserId blocker, UserId blocked) {
    connection_.prepared(queries::insert_block).execute(blocker, blocked);
}

void SqliteStore::remove_block(UserId blocker, UserId blocked) {
    connection_.prepared(queries::delete_block).execute(blocker, blocked);
}

void SqliteStore::append_message(const core::Message& message) {
    if (message.room.has_value() == message.to.has_value()) {
        throw std::invalid_argument("message " + std::to_string(message.id) +
                                    " must have either a room or a recipient");
    }
    std::optional<UserId> low;
    std::optional<UserId> high;
    if (message.to) {
        low = std::min(message.from, *message.to);
        high = std::max(message.from, *message.to);
    }
    connection_.prepared(queries::insert_message)
        .execute(message.id, message.room, message.from, message.to, low, high, message.text,
                 message.ts);
    for (std::size_t i = 0; i < message.attachments.size(); ++i) {
        connection_.prepared(queries::insert_attachment)
            .execute(message.id, static_cast<std::int64_t>(i), message.attachments[i].id);
    }
}

MessageId SqliteStore::first_message_at_or_after(TimeMs ts) {
    // Binary search over ids: message ids and times grow together, so this needs
    // no index on ts (which every message would pay for).
    MessageId low = 0;
    MessageId high = last_message_id() + 1;  // the answer when every message is older
    while (low < high) {
        MessageId middle = low + (high - low) / 2;
        std::optional<std::pair<MessageId, TimeMs>> found;
        connection_.prepared(queries::select_first_message_from)
            .query([&found](const Statement& row) { found.emplace(row.column_int64(0), row.column_int64(1)); },
                   middle);
        if (!found) {
            high = middle;
        } else if (found->second >= ts) {
            high = std::min(middle, found->first);
        } else {
            low = found->first + 1;
        }
    }
    return low;
}

HistoryQuery SqliteStore::with_time_bounds(HistoryQuery query) {
    if (query.before_ts) {
        MessageId bound = first_message_at_or_after(*query.before_ts);
        query.before = std::min(query.before.value_or(bound), bound);
    }
    if (query.after_ts) {
        // Strictly after: the first message later than the time, minus one.
        MessageId bound = first_message_at_or_after(*query.after_ts + 1) - 1;
        query.after = std::max(query.after.value_or(bound), bound);
    }
    return query;
}

std::vector<core::Message> SqliteStore::history(const HistoryQuery& bounded) {
    const HistoryQuery query = with_time_bounds(bounded);
    if (query.room.has_value() == query.between.has_value()) {
        throw std::invalid_argument("history needs either a room or a pair of users");
    }
    const MessageId before = query.before.value_or(std::numeric_limits<MessageId>::max());
    const std::int64_t limit = std::clamp(query.limit, min_history_limit, max_history_limit);
    std::vector<core::Message> page;
    auto collect = [&page](const Statement& row) { page.push_back(read_message(row)); };
    if (query.after) return history_after(query, before, limit);
    if (query.room) {
        connection_.prepared(queries::select_room_history)
            .query(collect, *query.room, before, query.viewer, limit);
    } else {
        auto [first, second] = *query.between;
        connection_.prepared(queries::select_direct_history)
            .query(collect, std::min(first, second), std::max(first, second), before, query.viewer,
                   limit);
    }
    std::reverse(page.begin(), page.end());
    add_attachments(page);
    return page;
}

std::vector<core::Message> SqliteStore::history_after(const HistoryQuery& query,
                                                      MessageId before, std::int64_t limit) {
    std::vector<core::Message> page;
    auto collect = [&page](const Statement& row) { page.push_back(read_message(row)); };
    if (query.room) {
        connection_.prepared(queries::select_room_after)
            .query(collect, *query.room, *query.after, before, query.viewer, limit);
    } else {
        auto [first, second] = *query.between;
        connection_.prepared(queries::select_direct_after)
            .query(collect, std::min(first, second), std::max(first, second), *query.after,
                   before, query.viewer, limit);
    }
    add_attachments(page);
    return page;
}

std::vector<core::Message> SqliteStore::last_direct_messages(
    const core::ConversationsQuery& query) {
    std::vector<core::Message> last;
    const std::int64_t limit = std::clamp(query.limit, min_history_limit, max_history_limit);
    connection_.prepared(queries::select_last_direct_messages)
        .query([&last](const Statement& row) { last.push_back(read_message(row)); },
               query.viewer, limit);
    add_attachments(last);
    return last;
}

MessageId SqliteStore::last_message_id() {
    return connection_.prepared(queries::select_last_message_id).query_int64().value_or(0);
}

TimeMs SqliteStore::last_message_ts() {
    return connection_.prepared(queries::select_last_message_ts).query_int64().value_or(0);
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file) {
    return std::make_unique<SqliteStore>(file);
}

}  // namespace parley::store
