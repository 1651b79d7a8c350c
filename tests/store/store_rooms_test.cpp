#include <gtest/gtest.h>

#include <vector>

#include "store_fixture.hpp"

namespace parley::store::testing {
namespace {

template <typename Backend>
class StoreRoomsTest : public StoreTest<Backend> {};
TYPED_TEST_SUITE(StoreRoomsTest, Backends, BackendNames);

TYPED_TEST(StoreRoomsTest, GeneralExistsFromTheStart) {
    std::vector<core::Room> rooms = this->store().list_rooms();
    ASSERT_EQ(rooms.size(), 1u);
    EXPECT_EQ(rooms[0].name, core::general_room);
    EXPECT_EQ(rooms[0].topic, "General discussion");
}

TYPED_TEST(StoreRoomsTest, EnsureRoomIsIdempotentAndRoomsAreListedByName) {
    this->store().ensure_room("rust", 10);
    this->store().ensure_room("cpp", 20);
    this->store().ensure_room("rust", 30);
    this->store().ensure_room("general", 40);
    std::vector<core::Room> rooms = this->store().list_rooms();
    ASSERT_EQ(rooms.size(), 3u);
    EXPECT_EQ(rooms[0].name, "cpp");
    EXPECT_EQ(rooms[0].topic, "");
    EXPECT_EQ(rooms[1].name, "general");
    EXPECT_EQ(rooms[1].topic, "General discussion");
    EXPECT_EQ(rooms[2].name, "rust");
}

TYPED_TEST(StoreRoomsTest, SavedTopicAndModesComeBack) {
    this->store().ensure_room("cpp", 10);
    core::Room room{"cpp", "Templates all the way"};
    room.topic_by = "alice";
    room.topic_at = 1234;
    room.modes = core::RoomModes{.topic_locked = false, .moderated = true, .secret = true,
                                 .invite_only = true, .key = "s3cret", .limit = 12};
    this->store().save_room(room);
    std::vector<core::Room> rooms = this->store().list_rooms();
    ASSERT_EQ(rooms.size(), 2u);
    EXPECT_EQ(rooms[0].name, "cpp");
    EXPECT_EQ(rooms[0].topic, "Templates all the way");
    EXPECT_EQ(rooms[0].topic_by, "alice");
    EXPECT_EQ(rooms[0].topic_at, 1234);
    EXPECT_EQ(rooms[0].modes, room.modes);
    EXPECT_EQ(rooms[1].modes, core::RoomModes{});  // general keeps the defaults
}

TYPED_TEST(StoreRoomsTest, RoomRolesAreSetReplacedAndRemoved) {
    Store& store = this->store();
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    store.set_room_role("general", alice, core::RoomRole::op);
    store.set_room_role("general", bob, core::RoomRole::voice);
    store.set_room_role("general", bob, core::RoomRole::op);
    store.set_room_role("general", alice, core::RoomRole::member);
    std::vector<RoomRoleGrant> grants = store.list_room_roles();
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].user, bob);
    EXPECT_EQ(grants[0].role, core::RoomRole::op);
    store.delete_user(bob);
    EXPECT_TRUE(store.list_room_roles().empty());
}

TYPED_TEST(StoreRoomsTest, MembershipsAreIdempotent) {
    Store& store = this->store();
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    store.ensure_room("cpp", 1);
    store.add_member("general", bob);
    store.add_member("general", alice);
    store.add_member("general", alice);
    store.add_member("cpp", alice);
    std::vector<Membership> members = store.list_memberships();
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members[0].room, "cpp");
    EXPECT_EQ(members[0].user, alice);
    EXPECT_EQ(members[1].room, "general");
    EXPECT_EQ(members[1].user, alice);
    EXPECT_EQ(members[2].room, "general");
    EXPECT_EQ(members[2].user, bob);

    store.remove_member("general", alice);
    store.remove_member("general", alice);
    store.remove_member("nowhere", bob);
    members = store.list_memberships();
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].room, "cpp");
    EXPECT_EQ(members[1].user, bob);
}

TYPED_TEST(StoreRoomsTest, RoomBansAreIdempotent) {
    Store& store = this->store();
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    store.add_room_ban("general", alice);
    store.add_room_ban("general", alice);
    store.add_room_ban("general", bob);
    std::vector<Membership> bans = store.list_room_bans();
    ASSERT_EQ(bans.size(), 2u);
    EXPECT_EQ(bans[0].user, alice);
    EXPECT_EQ(bans[1].user, bob);
    EXPECT_TRUE(store.list_memberships().empty());

    store.remove_room_ban("general", alice);
    store.remove_room_ban("general", alice);
    bans = store.list_room_bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].room, "general");
    EXPECT_EQ(bans[0].user, bob);
}

TYPED_TEST(StoreRoomsTest, BlocksAreIdempotentAndDirected) {
    Store& store = this->store();
    UserId alice = this->add_user("alice");
    UserId bob = this->add_user("bob");
    UserId carol = this->add_user("carol");
    store.add_block(bob, alice);
    store.add_block(alice, carol);
    store.add_block(alice, bob);
    store.add_block(alice, bob);
    std::vector<Block> blocks = store.list_blocks();
    ASSERT_EQ(blocks.size(), 3u);
    EXPECT_EQ(blocks[0].blocker, alice);
    EXPECT_EQ(blocks[0].blocked, bob);
    EXPECT_EQ(blocks[1].blocker, alice);
    EXPECT_EQ(blocks[1].blocked, carol);
    EXPECT_EQ(blocks[2].blocker, bob);
    EXPECT_EQ(blocks[2].blocked, alice);

    store.remove_block(alice, bob);
    store.remove_block(alice, bob);
    blocks = store.list_blocks();
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0].blocked, carol);
    EXPECT_EQ(blocks[1].blocker, bob);
}

TYPED_TEST(StoreRoomsTest, RollbackUndoesTheTransaction) {
    Store& store = this->store();
    store.begin();
    store.ensure_room("temporary", 1);
    store.rollback();
    EXPECT_EQ(store.list_rooms().size(), 1u);

    store.begin();
    store.ensure_room("kept", 1);
    store.commit();
    EXPECT_EQ(store.list_rooms().size(), 2u);
}

TYPED_TEST(StoreRoomsTest, RollbackToSavepointUndoesOnlyThatJob) {
    Store& store = this->store();
    store.begin();
    store.savepoint();
    store.ensure_room("first", 1);
    store.release_savepoint();
    store.savepoint();
    store.ensure_room("second", 1);
    store.rollback_to_savepoint();
    store.savepoint();
    store.ensure_room("third", 1);
    store.release_savepoint();
    store.commit();
    std::vector<core::Room> rooms = store.list_rooms();
    ASSERT_EQ(rooms.size(), 3u);
    EXPECT_EQ(rooms[0].name, "first");
    EXPECT_EQ(rooms[1].name, "general");
    EXPECT_EQ(rooms[2].name, "third");
}

}  // namespace
}  // namespace parley::store::testing
