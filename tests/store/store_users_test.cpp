#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store_fixture.hpp"

namespace parley::store::testing {
namespace {

template <typename Backend>
class StoreUsersTest : public StoreTest<Backend> {};
TYPED_TEST_SUITE(StoreUsersTest, Backends, BackendNames);

NewUser new_user(std::string username) {
    NewUser user;
    user.username = std::move(username);
    user.password_hash = "argon2id$hash";
    user.display_name = "Alice A.";
    user.first_name = "Alice";
    user.last_name = "Liddell";
    user.role = core::Role::admin;
    return user;
}

TYPED_TEST(StoreUsersTest, GuestsLeaveTheirNickFreeForAccountsAndOtherGuests) {
    core::User first = this->store().create_guest("Visitor");
    core::User second = this->store().create_guest("visitor");
    EXPECT_NE(first.id, second.id);
    EXPECT_TRUE(first.guest);
    EXPECT_FALSE(this->store().find_user_by_name("visitor").has_value());
    ASSERT_TRUE(this->store().create_user(new_user("Visitor")).ok());
    auto record = this->store().find_user(first.id);
    ASSERT_TRUE(record.has_value());
    EXPECT_TRUE(record->user.guest);
    EXPECT_EQ(record->user.username, "Visitor");
    EXPECT_EQ(record->password_hash, "");  // nothing to sign in with
    EXPECT_FALSE(this->store().find_user_by_name("Visitor")->user.guest);
}

TYPED_TEST(StoreUsersTest, CreateUserReturnsTheStoredUser) {
    core::Result<core::User> created = this->store().create_user(new_user("Alice"));
    ASSERT_TRUE(created.ok());
    EXPECT_GT(created->id, 0);
    EXPECT_EQ(created->username, "Alice");
    EXPECT_EQ(created->display_name, "Alice A.");
    EXPECT_EQ(created->role, core::Role::admin);

    std::optional<UserRecord> found = this->store().find_user(created->id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->user.id, created->id);
    EXPECT_EQ(found->user.username, "Alice");
    EXPECT_EQ(found->user.display_name, "Alice A.");
    EXPECT_EQ(found->user.first_name, "Alice");
    EXPECT_EQ(found->user.last_name, "Liddell");
    EXPECT_EQ(found->user.avatar_url, std::nullopt);
    EXPECT_EQ(found->user.role, core::Role::admin);
    EXPECT_FALSE(found->user.banned);
    EXPECT_FALSE(found->user.deleted);
    EXPECT_FALSE(found->user.online);
    EXPECT_EQ(found->password_hash, "argon2id$hash");
}

TYPED_TEST(StoreUsersTest, IdsGrow) {
    UserId first = this->add_user("first");
    UserId second = this->add_user("second");
    EXPECT_GT(second, first);
}

TYPED_TEST(StoreUsersTest, UsernamesAreUniqueWithoutRegardToCase) {
    ASSERT_TRUE(this->store().create_user(new_user("Alice")).ok());
    for (const char* name : {"Alice", "alice", "ALICE", "aLiCe"}) {
        core::Result<core::User> again = this->store().create_user(new_user(name));
        ASSERT_FALSE(again.ok()) << name;
        EXPECT_EQ(again.error().code, core::Errc::username_taken) << name;
    }
    EXPECT_EQ(this->store().list_users().size(), 1u);
}

TYPED_TEST(StoreUsersTest, FindByNameIgnoresCaseAndKeepsTheOriginalSpelling) {
    UserId id = this->add_user("Alice");
    for (const char* name : {"Alice", "alice", "ALICE"}) {
        std::optional<UserRecord> found = this->store().find_user_by_name(name);
        ASSERT_TRUE(found.has_value()) << name;
        EXPECT_EQ(found->user.id, id);
        EXPECT_EQ(found->user.username, "Alice");
    }
}

TYPED_TEST(StoreUsersTest, UnknownUsersAreNotFound) {
    this->add_user("alice");
    EXPECT_EQ(this->store().find_user(9999), std::nullopt);
    EXPECT_EQ(this->store().find_user_by_name("bob"), std::nullopt);
    EXPECT_EQ(this->store().find_user_by_name("alic"), std::nullopt);
}

TYPED_TEST(StoreUsersTest, ListUsersIsByIdWithoutDeletedUsers) {
    UserId carol = this->add_user("carol");
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    this->store().delete_user(alice);
    std::vector<core::User> users = this->store().list_users();
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(users[0].id, carol);
    EXPECT_EQ(users[0].username, "carol");
    EXPECT_EQ(users[1].id, bob);
    EXPECT_EQ(users[1].display_name, "bob display");
}

TYPED_TEST(StoreUsersTest, UpdateProfileChangesOnlyTheGivenFields) {
    UserId id = this->add_user("alice");
    ProfileUpdate update;
    update.display_name = "Queen Alice";
    update.last_name = "";
    this->store().update_profile(id, update);
    core::User user = this->store().find_user(id)->user;
    EXPECT_EQ(user.display_name, "Queen Alice");
    EXPECT_EQ(user.first_name, "alice first");
    EXPECT_EQ(user.last_name, "");
    EXPECT_EQ(user.username, "alice");
}

TYPED_TEST(StoreUsersTest, PasswordRoleAndBanAreStored) {
    UserId id = this->add_user("alice");
    UserId other = this->add_user("bob");
    this->store().set_password_hash(id, "new-hash");
    this->store().set_role(id, core::Role::admin);
    this->store().set_banned(id, true);
    UserRecord record = *this->store().find_user(id);
    EXPECT_EQ(record.password_hash, "new-hash");
    EXPECT_EQ(record.user.role, core::Role::admin);
    EXPECT_TRUE(record.user.banned);

    this->store().set_role(id, core::Role::member);
    this->store().set_banned(id, false);
    record = *this->store().find_user(id);
    EXPECT_EQ(record.user.role, core::Role::member);
    EXPECT_FALSE(record.user.banned);

    UserRecord untouched = *this->store().find_user(other);
    EXPECT_EQ(untouched.password_hash, "hash-of-bob");
    EXPECT_EQ(untouched.user.role, core::Role::member);
}

TYPED_TEST(StoreUsersTest, DeletedUserLeavesATombstone) {
    UserId id = this->add_user("Alice");
    this->store().delete_user(id);
    std::optional<UserRecord> found = this->store().find_user(id);
    ASSERT_TRUE(found.has_value());
    EXPECT_TRUE(found->user.deleted);
    EXPECT_EQ(found->user.display_name, "Deleted user");
    EXPECT_EQ(found->user.first_name, "");
    EXPECT_EQ(found->user.last_name, "");
    EXPECT_EQ(found->user.avatar_url, std::nullopt);
    EXPECT_EQ(found->password_hash, "");
}

TYPED_TEST(StoreUsersTest, DeletedNameStaysReservedAndIdIsNotReused) {
    this->add_user("first");
    UserId alice = this->add_user("Alice");
    this->store().delete_user(alice);
    core::Result<core::User> again = this->store().create_user(new_user("alice"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, core::Errc::username_taken);
    EXPECT_GT(this->add_user("bob"), alice);
}

TYPED_TEST(StoreUsersTest, DeletedUserCannotBeChanged) {
    UserId id = this->add_user("alice");
    this->store().delete_user(id);
    this->store().set_password_hash(id, "sneaky");
    ProfileUpdate update;
    update.display_name = "Back again";
    this->store().update_profile(id, update);
    UserRecord record = *this->store().find_user(id);
    EXPECT_EQ(record.password_hash, "");
    EXPECT_EQ(record.user.display_name, "Deleted user");
}

TYPED_TEST(StoreUsersTest, DeleteUserRemovesSessionsMembershipsBansAndBlocks) {
    Store& store = this->store();
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    store.ensure_room("rust", 1);
    store.create_session("alice-token", alice, 1);
    store.create_session("bob-token", bob, 1);
    store.add_member("general", alice);
    store.add_member("general", bob);
    store.add_room_ban("rust", alice);
    store.add_room_ban("rust", bob);
    store.add_block(alice, bob);
    store.add_block(bob, alice);
    store.delete_user(alice);

    EXPECT_EQ(store.find_session("alice-token"), std::nullopt);
    EXPECT_EQ(store.find_session("bob-token"), bob);
    std::vector<Membership> members = store.list_memberships();
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0].user, bob);
    std::vector<Membership> bans = store.list_room_bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].user, bob);
    EXPECT_TRUE(store.list_blocks().empty());
}

TYPED_TEST(StoreUsersTest, SessionsAreFoundByTokenHash) {
    UserId alice = this->add_user("alice");
    this->store().create_session("hash-1", alice, 1000);
    EXPECT_EQ(this->store().find_session("hash-1"), alice);
    EXPECT_EQ(this->store().find_session("hash-2"), std::nullopt);
    this->store().delete_session("hash-1");
    EXPECT_EQ(this->store().find_session("hash-1"), std::nullopt);
    this->store().delete_session("hash-1");  // already gone: no error
}

TYPED_TEST(StoreUsersTest, DeleteSessionsOfKeepsTheGivenOne) {
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    for (const char* hash : {"a3", "a1", "a2"}) this->store().create_session(hash, alice, 1);
    this->store().create_session("b1", bob, 1);

    std::vector<std::string> removed = this->store().delete_sessions_of(alice, "a2");
    EXPECT_EQ(removed, (std::vector<std::string>{"a1", "a3"}));
    EXPECT_EQ(this->store().find_session("a2"), alice);
    EXPECT_EQ(this->store().find_session("a1"), std::nullopt);
    EXPECT_EQ(this->store().find_session("b1"), bob);
}

TYPED_TEST(StoreUsersTest, DeleteSessionsOfWithoutKeepRemovesAll) {
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    this->store().create_session("a1", alice, 1);
    this->store().create_session("a2", alice, 1);
    this->store().create_session("b1", bob, 1);

    EXPECT_EQ(this->store().delete_sessions_of(alice, std::nullopt),
              (std::vector<std::string>{"a1", "a2"}));
    EXPECT_EQ(this->store().find_session("a2"), std::nullopt);
    EXPECT_EQ(this->store().find_session("b1"), bob);
    EXPECT_TRUE(this->store().delete_sessions_of(alice, std::nullopt).empty());
}

}  // namespace
}  // namespace parley::store::testing
