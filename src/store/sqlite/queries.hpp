#pragma once

#include <string_view>

// Every statement SqliteStore runs, in one place so the SQL can be read (and
// checked against the schema in migrations/) at a glance. Values are always
// ?N parameters.
namespace parley::store::sqlite::queries {

inline constexpr std::string_view begin = "BEGIN IMMEDIATE";
inline constexpr std::string_view commit = "COMMIT";
inline constexpr std::string_view rollback = "ROLLBACK";
// One fixed name: the StoreWorker nests one savepoint per job, never deeper.
inline constexpr std::string_view savepoint = "SAVEPOINT job";
inline constexpr std::string_view release_savepoint = "RELEASE job";
inline constexpr std::string_view rollback_to_savepoint = "ROLLBACK TO job";
// A separate name, so that delete_user is atomic inside or outside a job.
inline constexpr std::string_view savepoint_delete = "SAVEPOINT delete_user";
inline constexpr std::string_view release_delete = "RELEASE delete_user";
inline constexpr std::string_view rollback_to_delete = "ROLLBACK TO delete_user";

// Users. The column order matches SqliteStore's read_user().
inline constexpr std::string_view insert_user =
    "INSERT INTO users (username, username_key, display_name, first_name, last_name, "
    "password_hash, role) VALUES (?1, lower(?1), ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (username_key) DO NOTHING RETURNING id";
// A guest's username_key is random, so the nick stays free (see migration 0004).
inline constexpr std::string_view insert_guest =
    "INSERT INTO users (username, username_key, display_name, guest) "
    "VALUES (?1, '~guest-' || lower(hex(randomblob(12))), ?1, 1) RETURNING id";
inline constexpr std::string_view select_user_by_id =
    "SELECT id, username, display_name, first_name, last_name, avatar_url, role, banned, "
    "deleted, password_hash, guest FROM users WHERE id = ?1";
inline constexpr std::string_view select_user_by_name =
    "SELECT id, username, display_name, first_name, last_name, avatar_url, role, banned, "
    "deleted, password_hash, guest FROM users WHERE username_key = lower(?1)";
inline constexpr std::string_view select_users =
    "SELECT id, username, display_name, first_name, last_name, avatar_url, role, banned, "
    "deleted, password_hash, guest FROM users WHERE deleted = 0 ORDER BY id";
inline constexpr std::string_view update_profile =
    "UPDATE users SET display_name = coalesce(?2, display_name), "
    "first_name = coalesce(?3, first_name), last_name = coalesce(?4, last_name) "
    "WHERE id = ?1 AND deleted = 0";
inline constexpr std::string_view update_password_hash =
    "UPDATE users SET password_hash = ?2 WHERE id = ?1 AND deleted = 0";
inline constexpr std::string_view update_role =
    "UPDATE users SET role = ?2 WHERE id = ?1 AND deleted = 0";
inline constexpr std::string_view update_banned =
    "UPDATE users SET banned = ?2 WHERE id = ?1 AND deleted = 0";
inline constexpr std::string_view tombstone_user =
    "UPDATE users SET deleted = 1, display_name = 'Deleted user', first_name = '', "
    "last_name = '', avatar_url = NULL, password_hash = '' WHERE id = ?1";
inline constexpr std::string_view delete_user_sessions = "DELETE FROM sessions WHERE user_id = ?1";
inline constexpr std::string_view delete_user_memberships =
    "DELETE FROM memberships WHERE user_id = ?1";
inline constexpr std::string_view delete_user_room_bans =
    "DELETE FROM room_bans WHERE user_id = ?1";
inline constexpr std::string_view delete_user_blocks =
    "DELETE FROM blocks WHERE blocker = ?1 OR blocked = ?1";

// Sessions.
inline constexpr std::string_view insert_session =
    "INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?1, ?2, ?3)";
inline constexpr std::string_view select_session =
    "SELECT user_id FROM sessions WHERE token_hash = ?1";
inline constexpr std::string_view delete_session = "DELETE FROM sessions WHERE token_hash = ?1";
inline constexpr std::string_view delete_sessions_of =
    "DELETE FROM sessions WHERE user_id = ?1 AND (?2 IS NULL OR token_hash <> ?2) "
    "RETURNING token_hash";

// Rooms, memberships, room bans, blocks. Adding twice is not an error.
inline constexpr std::string_view insert_room =
    "INSERT INTO rooms (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING";
inline constexpr std::string_view select_rooms =
    "SELECT name, topic, topic_by, topic_at, topic_locked, moderated, secret, join_key, "
    "member_limit, invite_only FROM rooms ORDER BY name";
inline constexpr std::string_view update_room =
    "UPDATE rooms SET topic = ?2, topic_by = ?3, topic_at = ?4, topic_locked = ?5, "
    "moderated = ?6, secret = ?7, join_key = ?8, member_limit = ?9, invite_only = ?10 "
    "WHERE name = ?1";
inline constexpr std::string_view select_room_roles =
    "SELECT room, user_id, role FROM room_roles ORDER BY room, user_id";
inline constexpr std::string_view upsert_room_role =
    "INSERT INTO room_roles (room, user_id, role) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (room, user_id) DO UPDATE SET role = excluded.role";
inline constexpr std::string_view delete_room_role =
    "DELETE FROM room_roles WHERE room = ?1 AND user_id = ?2";
inline constexpr std::string_view delete_user_room_roles =
    "DELETE FROM room_roles WHERE user_id = ?1";
inline constexpr std::string_view select_memberships =
    "SELECT room, user_id FROM memberships ORDER BY room, user_id";
inline constexpr std::string_view insert_membership =
    "INSERT INTO memberships (room, user_id) VALUES (?1, ?2) "
    "ON CONFLICT (room, user_id) DO NOTHING";
inline constexpr std::string_view delete_membership =
    "DELETE FROM memberships WHERE room = ?1 AND user_id = ?2";
inline constexpr std::string_view select_room_bans =
    "SELECT room, user_id FROM room_bans ORDER BY room, user_id";
inline constexpr std::string_view insert_room_ban =
    "INSERT INTO room_bans (room, user_id) VALUES (?1, ?2) ON CONFLICT (room, user_id) DO NOTHING";
inline constexpr std::string_view delete_room_ban =
    "DELETE FROM room_bans WHERE room = ?1 AND user_id = ?2";
inline constexpr std::string_view select_blocks =
    "SELECT blocker, blocked FROM blocks ORDER BY blocker, blocked";
inline constexpr std::string_view insert_block =
    "INSERT INTO blocks (blocker, blocked) VALUES (?1, ?2) "
    "ON CONFLICT (blocker, blocked) DO NOTHING";
inline constexpr std::string_view delete_block =
    "DELETE FROM blocks WHERE blocker = ?1 AND blocked = ?2";

// Messages. History pages are read newest first (one index range, stopped by
// LIMIT) and reversed by the caller.
inline constexpr std::string_view insert_message =
    "INSERT INTO messages (id, room, from_id, to_id, dm_low, dm_high, text, ts) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
// Ids and times grow together, so a time is found by searching the ids.
inline constexpr std::string_view select_first_message_from =
    "SELECT id, ts FROM messages WHERE id >= ?1 ORDER BY id LIMIT 1";
inline constexpr std::string_view select_room_history =
    "SELECT id, room, from_id, to_id, text, ts FROM messages "
    "WHERE room = ?1 AND id < ?2 "
    "AND from_id NOT IN (SELECT blocked FROM blocks WHERE blocker = ?3) "
    "ORDER BY id DESC LIMIT ?4";
inline constexpr std::string_view select_direct_history =
    "SELECT id, room, from_id, to_id, text, ts FROM messages "
    "WHERE dm_low = ?1 AND dm_high = ?2 AND id < ?3 "
    "AND from_id NOT IN (SELECT blocked FROM blocks WHERE blocker = ?4) "
    "ORDER BY id DESC LIMIT ?5";
// Catching up: the oldest messages after a known one, read in ascending order.
inline constexpr std::string_view select_room_after =
    "SELECT id, room, from_id, to_id, text, ts FROM messages "
    "WHERE room = ?1 AND id > ?2 AND id < ?3 "
    "AND from_id NOT IN (SELECT blocked FROM blocks WHERE blocker = ?4) "
    "ORDER BY id ASC LIMIT ?5";
inline constexpr std::string_view select_direct_after =
    "SELECT id, room, from_id, to_id, text, ts FROM messages "
    "WHERE dm_low = ?1 AND dm_high = ?2 AND id > ?3 AND id < ?4 "
    "AND from_id NOT IN (SELECT blocked FROM blocks WHERE blocker = ?5) "
    "ORDER BY id ASC LIMIT ?6";
// The newest visible message of each conversation: one max(id) per pair, from
// the two indexes that start with dm_low and dm_high.
inline constexpr std::string_view select_last_direct_messages =
    "SELECT id, room, from_id, to_id, text, ts FROM messages WHERE id IN ("
    "SELECT max(id) FROM messages "
    "WHERE (dm_low = ?1 OR dm_high = ?1) "
    "AND from_id NOT IN (SELECT blocked FROM blocks WHERE blocker = ?1) "
    "GROUP BY dm_low, dm_high) "
    "ORDER BY id DESC LIMIT ?2";
inline constexpr std::string_view select_last_message_id =
    "SELECT coalesce(max(id), 0) FROM messages";
inline constexpr std::string_view select_last_message_ts =
    "SELECT ts FROM messages ORDER BY id DESC LIMIT 1";

// Files and attachments. Columns of select_file* match SqliteStore's read_file().
inline constexpr std::string_view insert_file =
    "INSERT INTO files (owner, name, size, content_type, storage_name, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
inline constexpr std::string_view select_file =
    "SELECT id, owner, name, size, content_type, storage_name FROM files WHERE id = ?1";
inline constexpr std::string_view select_files =
    "SELECT id, owner, name, size, content_type, storage_name FROM files ORDER BY id";
inline constexpr std::string_view select_bytes_stored =
    "SELECT coalesce(sum(size), 0) FROM files WHERE owner = ?1";
inline constexpr std::string_view select_can_read_file =
    "SELECT EXISTS (SELECT 1 FROM files WHERE id = ?1 AND owner = ?2) OR EXISTS ("
    "SELECT 1 FROM message_attachments a JOIN messages m ON m.id = a.message_id "
    "WHERE a.file_id = ?1 AND (m.dm_low = ?2 OR m.dm_high = ?2 OR EXISTS ("
    "SELECT 1 FROM memberships s WHERE s.room = m.room AND s.user_id = ?2)))";
inline constexpr std::string_view insert_attachment =
    "INSERT INTO message_attachments (message_id, position, file_id) VALUES (?1, ?2, ?3)";
// The attachments of a page of messages: one range of ids, filtered by the caller.
inline constexpr std::string_view select_attachments_between =
    "SELECT a.message_id, f.id, f.owner, f.name, f.size, f.content_type, f.storage_name "
    "FROM message_attachments a JOIN files f ON f.id = a.file_id "
    "WHERE a.message_id BETWEEN ?1 AND ?2 ORDER BY a.message_id, a.position";
inline constexpr std::string_view update_avatar_url =
    "UPDATE users SET avatar_url = ?2 WHERE id = ?1 AND deleted = 0";

}  // namespace parley::store::sqlite::queries
