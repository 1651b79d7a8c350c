#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace parley::store::testing {
namespace {

template <typename Backend>
class StoreFilesTest : public StoreTest<Backend> {
protected:
    void SetUp() override {
        alice_ = this->add_user("alice");
        bob_ = this->add_user("bob");
        carol_ = this->add_user("carol");
        this->store().ensure_room("cpp", 1);
        this->store().add_member("cpp", alice_);
        this->store().add_member("cpp", bob_);
    }

    core::FileId add_file(UserId owner, const std::string& name, std::int64_t size) {
        return this->store().add_file(
            NewFile{owner, name, size, "image/png", "stored-" + name, 1000});
    }

    void post(MessageId id, std::optional<std::string> room, std::optional<UserId> to,
              std::vector<core::FileId> files) {
        core::Message message;
        message.id = id;
        message.room = std::move(room);
        message.from = alice_;
        message.to = to;
        message.text = "files";
        message.ts = 2000 + id;
        for (auto file : files)
            message.attachments.push_back(this->store().find_file(file)->stored.file);
        this->store().append_message(message);
    }

    UserId alice_ = 0, bob_ = 0, carol_ = 0;
};

TYPED_TEST_SUITE(StoreFilesTest, Backends, BackendNames);

TYPED_TEST(StoreFilesTest, FileIsStoredWithItsUrlAndStorageName) {
    auto id = this->add_file(this->alice_, "a b.png", 42);
    auto found = this->store().find_file(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->stored.owner, this->alice_);
    EXPECT_EQ(found->stored.file.name, "a b.png");
    EXPECT_EQ(found->stored.file.size, 42);
    EXPECT_EQ(found->stored.file.content_type, "image/png");
    EXPECT_EQ(found->stored.file.url, "/api/v1/files/" + std::to_string(id) + "/a%20b.png");
    EXPECT_EQ(found->storage_name, "stored-a b.png");
    EXPECT_FALSE(this->store().find_file(id + 100));
    EXPECT_EQ(this->store().list_files().size(), 1u);
}

TYPED_TEST(StoreFilesTest, QuotaCountsTheOwnersBytes) {
    EXPECT_EQ(this->store().bytes_stored_by(this->alice_), 0);
    this->add_file(this->alice_, "one", 10);
    this->add_file(this->alice_, "two", 32);
    this->add_file(this->bob_, "three", 5);
    EXPECT_EQ(this->store().bytes_stored_by(this->alice_), 42);
    EXPECT_EQ(this->store().bytes_stored_by(this->bob_), 5);
}

TYPED_TEST(StoreFilesTest, HistoryReturnsAttachmentsInOrder) {
    auto first = this->add_file(this->alice_, "first", 1);
    auto second = this->add_file(this->alice_, "second", 2);
    this->post(1, "cpp", std::nullopt, {second, first});
    this->post(2, "cpp", std::nullopt, {});
    this->post(3, std::nullopt, this->bob_, {first});
    HistoryQuery room;
    room.room = "cpp";
    auto page = this->store().history(room);
    ASSERT_EQ(page.size(), 2u);
    ASSERT_EQ(page[0].attachments.size(), 2u);
    EXPECT_EQ(page[0].attachments[0].name, "second");
    EXPECT_EQ(page[0].attachments[1].name, "first");
    EXPECT_TRUE(page[1].attachments.empty());
    HistoryQuery direct;
    direct.between = {this->alice_, this->bob_};
    EXPECT_EQ(this->store().history(direct).at(0).attachments.at(0).id, first);
    auto last = this->store().last_direct_messages(core::ConversationsQuery{this->bob_, 10});
    EXPECT_EQ(last.at(0).attachments.size(), 1u);
}

TYPED_TEST(StoreFilesTest, OwnerRoomMembersAndTheDmPairMayRead) {
    auto in_room = this->add_file(this->alice_, "room", 1);
    auto in_dm = this->add_file(this->alice_, "dm", 1);
    auto unshared = this->add_file(this->alice_, "mine", 1);
    this->post(1, "cpp", std::nullopt, {in_room});
    this->post(2, std::nullopt, this->bob_, {in_dm});
    auto& store = this->store();
    EXPECT_TRUE(store.can_read_file(unshared, this->alice_));
    EXPECT_FALSE(store.can_read_file(unshared, this->bob_));
    EXPECT_TRUE(store.can_read_file(in_room, this->bob_));
    EXPECT_FALSE(store.can_read_file(in_room, this->carol_));
    EXPECT_TRUE(store.can_read_file(in_dm, this->bob_));
    EXPECT_FALSE(store.can_read_file(in_dm, this->carol_));
    store.remove_member("cpp", this->bob_);  // membership counts now, not when posted
    EXPECT_FALSE(store.can_read_file(in_room, this->bob_));
    EXPECT_FALSE(store.can_read_file(in_room + 100, this->alice_));
}

TYPED_TEST(StoreFilesTest, AvatarUrlIsSetClearedAndErasedWithTheAccount) {
    auto& store = this->store();
    store.set_avatar_url(this->alice_, "/avatars/1-x.png");
    EXPECT_EQ(store.find_user(this->alice_)->user.avatar_url, "/avatars/1-x.png");
    store.set_avatar_url(this->alice_, std::nullopt);
    EXPECT_EQ(store.find_user(this->alice_)->user.avatar_url, std::nullopt);
    store.set_avatar_url(this->alice_, "/avatars/1-y.png");
    store.delete_user(this->alice_);
    EXPECT_EQ(store.find_user(this->alice_)->user.avatar_url, std::nullopt);
    store.set_avatar_url(this->alice_, "/avatars/1-z.png");  // a deleted account gets none
    EXPECT_EQ(store.find_user(this->alice_)->user.avatar_url, std::nullopt);
}

}  // namespace
}  // namespace parley::store::testing
