#pragma once

#include <memory>
#include <utility>

#include "store/store.hpp"

namespace parley::store::testing {

// Passes every call to a real store; tests override the calls they watch or break.
class ForwardingStore : public Store {
public:
    explicit ForwardingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

    void begin() override { inner_->begin(); }
    void commit() override { inner_->commit(); }
    void rollback() override { inner_->rollback(); }
    void savepoint() override { inner_->savepoint(); }
    void release_savepoint() override { inner_->release_savepoint(); }
    void rollback_to_savepoint() override { inner_->rollback_to_savepoint(); }

    core::Result<core::User> create_user(const NewUser& user) override {
        return inner_->create_user(user);
    }
    std::optional<UserRecord> find_user(UserId id) override { return inner_->find_user(id); }
    std::optional<UserRecord> find_user_by_name(std::string_view username) override {
        return inner_->find_user_by_name(username);
    }
    std::vector<core::User> list_users() override { return inner_->list_users(); }
    void update_profile(UserId id, const ProfileUpdate& update) override {
        inner_->update_profile(id, update);
    }
    void set_password_hash(UserId id, std::string_view hash) override {
        inner_->set_password_hash(id, hash);
    }
    void set_role(UserId id, core::Role role) override { inner_->set_role(id, role); }
    void set_banned(UserId id, bool banned) override { inner_->set_banned(id, banned); }
    void delete_user(UserId id) override { inner_->delete_user(id); }

    void create_session(std::string_view token_hash, UserId user, TimeMs now) override {
        inner_->create_session(token_hash, user, now);
    }
    std::optional<UserId> find_session(std::string_view token_hash) override {
        return inner_->find_session(token_hash);
    }
    void delete_session(std::string_view token_hash) override {
        inner_->delete_session(token_hash);
    }
    std::vector<std::string> delete_sessions_of(UserId user,
                                                std::optional<std::string_view> keep) override {
        return inner_->delete_sessions_of(user, keep);
    }

    void ensure_room(std::string_view name, TimeMs now) override { inner_->ensure_room(name, now); }
    std::vector<core::Room> list_rooms() override { return inner_->list_rooms(); }
    std::vector<Membership> list_memberships() override { return inner_->list_memberships(); }
    void add_member(std::string_view room, UserId user) override { inner_->add_member(room, user); }
    void remove_member(std::string_view room, UserId user) override {
        inner_->remove_member(room, user);
    }
    std::vector<Membership> list_room_bans() override { return inner_->list_room_bans(); }
    void add_room_ban(std::string_view room, UserId user) override {
        inner_->add_room_ban(room, user);
    }
    void remove_room_ban(std::string_view room, UserId user) override {
        inner_->remove_room_ban(room, user);
    }
    std::vector<Block> list_blocks() override { return inner_->list_blocks(); }
    void add_block(UserId blocker, UserId blocked) override { inner_->add_block(blocker, blocked); }
    void remove_block(UserId blocker, UserId blocked) override {
        inner_->remove_block(blocker, blocked);
    }

    void append_message(const core::Message& message) override { inner_->append_message(message); }
    std::vector<core::Message> history(const HistoryQuery& query) override {
        return inner_->history(query);
    }
    std::vector<core::Message> last_direct_messages(
        const core::ConversationsQuery& query) override {
        return inner_->last_direct_messages(query);
    }
    MessageId last_message_id() override { return inner_->last_message_id(); }
    TimeMs last_message_ts() override { return inner_->last_message_ts(); }

    core::FileId add_file(const NewFile& file) override { return inner_->add_file(file); }
    std::optional<FileRecord> find_file(core::FileId id) override { return inner_->find_file(id); }
    std::vector<core::StoredFile> list_files() override { return inner_->list_files(); }
    bool can_read_file(core::FileId id, UserId user) override {
        return inner_->can_read_file(id, user);
    }
    std::int64_t bytes_stored_by(UserId owner) override { return inner_->bytes_stored_by(owner); }
    void set_avatar_url(UserId id, const std::optional<std::string>& url) override {
        inner_->set_avatar_url(id, url);
    }

private:
    std::unique_ptr<Store> inner_;
};

}  // namespace parley::store::testing
