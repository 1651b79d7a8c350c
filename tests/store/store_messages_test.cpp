#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store_fixture.hpp"

namespace parley::store::testing {
namespace {

template <typename Backend>
class StoreMessagesTest : public StoreTest<Backend> {
protected:
    void SetUp() override {
        alice_ = this->add_user("alice");
        bob_ = this->add_user("bob");
        carol_ = this->add_user("carol");
        this->store().ensure_room("cpp", 1);
    }

    void post_to_room(MessageId id, const std::string& room, UserId from) {
        core::Message message;
        message.id = id;
        message.room = room;
        message.from = from;
        message.text = "message " + std::to_string(id);
        message.ts = 1000 + id;
        this->store().append_message(message);
    }

    void post_direct(MessageId id, UserId from, UserId to) {
        core::Message message;
        message.id = id;
        message.from = from;
        message.to = to;
        message.text = "direct " + std::to_string(id);
        message.ts = 1000 + id;
        this->store().append_message(message);
    }

    std::vector<MessageId> room_page(const std::string& room, std::optional<MessageId> before,
                                     int limit, UserId viewer = 0) {
        HistoryQuery query;
        query.room = room;
        query.before = before;
        query.limit = limit;
        query.viewer = viewer == 0 ? alice_ : viewer;
        return ids(this->store().history(query));
    }

    std::vector<MessageId> direct_page(UserId first, UserId second, UserId viewer) {
        HistoryQuery query;
        query.between = std::make_pair(first, second);
        query.viewer = viewer;
        return ids(this->store().history(query));
    }

    static std::vector<MessageId> ids(const std::vector<core::Message>& messages) {
        std::vector<MessageId> result;
        for (const core::Message& message : messages) result.push_back(message.id);
        return result;
    }

    UserId alice_ = 0;
    UserId bob_ = 0;
    UserId carol_ = 0;
};
TYPED_TEST_SUITE(StoreMessagesTest, Backends, BackendNames);

using Ids = std::vector<MessageId>;

TYPED_TEST(StoreMessagesTest, RoomMessageIsStoredWithAllFields) {
    this->post_to_room(7, "general", this->bob_);
    HistoryQuery query;
    query.room = "general";
    query.viewer = this->alice_;
    std::vector<core::Message> page = this->store().history(query);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].id, 7);
    EXPECT_EQ(page[0].room, "general");
    EXPECT_EQ(page[0].from, this->bob_);
    EXPECT_EQ(page[0].to, std::nullopt);
    EXPECT_EQ(page[0].text, "message 7");
    EXPECT_EQ(page[0].ts, 1007);
    EXPECT_TRUE(page[0].attachments.empty());
}

TYPED_TEST(StoreMessagesTest, DirectMessageIsStoredWithAllFields) {
    this->post_direct(3, this->bob_, this->alice_);
    HistoryQuery query;
    query.between = std::make_pair(this->alice_, this->bob_);
    query.viewer = this->alice_;
    std::vector<core::Message> page = this->store().history(query);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].room, std::nullopt);
    EXPECT_EQ(page[0].from, this->bob_);
    EXPECT_EQ(page[0].to, this->alice_);
    EXPECT_EQ(page[0].text, "direct 3");
}

TYPED_TEST(StoreMessagesTest, HistoryIsTheNewestMessagesOldestFirst) {
    for (MessageId id = 1; id <= 10; ++id) this->post_to_room(id, "general", this->bob_);
    EXPECT_EQ(this->room_page("general", std::nullopt, 3), (Ids{8, 9, 10}));
    EXPECT_EQ(this->room_page("general", std::nullopt, 50).size(), 10u);
}

TYPED_TEST(StoreMessagesTest, TimeBoundsSelectBySendingTime) {
    // Ids 10, 20, ... 100 sent at 1010, 1020, ... 1100; another room's in between.
    for (MessageId id = 1; id <= 10; ++id) this->post_to_room(id * 10, "general", this->bob_);
    this->post_to_room(55, "cpp", this->bob_);
    auto page = [&](std::optional<core::TimeMs> before_ts, std::optional<core::TimeMs> after_ts,
                    std::optional<MessageId> after = std::nullopt) {
        HistoryQuery query;
        query.room = "general";
        query.limit = 100;
        query.viewer = this->alice_;
        query.before_ts = before_ts;
        query.after_ts = after_ts;
        query.after = after;
        return this->ids(this->store().history(query));
    };
    EXPECT_EQ(page(1030, std::nullopt), (Ids{10, 20}));        // strictly before
    EXPECT_EQ(page(1031, std::nullopt), (Ids{10, 20, 30}));
    EXPECT_EQ(page(std::nullopt, 1080), (Ids{90, 100}));       // strictly after
    EXPECT_EQ(page(1060, 1020), (Ids{30, 40, 50}));            // between
    EXPECT_EQ(page(5000, std::nullopt).size(), 10u);           // later than everything
    EXPECT_TRUE(page(std::nullopt, 5000).empty());
    EXPECT_EQ(page(std::nullopt, 1), (Ids{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}));
    EXPECT_TRUE(page(1, std::nullopt).empty());
}

TYPED_TEST(StoreMessagesTest, BeforeIsExclusiveAndPagesCoverEverything) {
    for (MessageId id = 1; id <= 10; ++id) this->post_to_room(id * 10, "general", this->bob_);
    EXPECT_EQ(this->room_page("general", 50, 2), (Ids{30, 40}));
    EXPECT_EQ(this->room_page("general", 51, 2), (Ids{40, 50}));

    Ids all;
    std::optional<MessageId> before;
    for (;;) {
        Ids page = this->room_page("general", before, 3);
        if (page.empty()) break;
        all.insert(all.begin(), page.begin(), page.end());
        before = page.front();
    }
    EXPECT_EQ(all, (Ids{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}));
}

TYPED_TEST(StoreMessagesTest, LimitIsClampedBetweenOneAndOneHundred) {
    for (MessageId id = 1; id <= 120; ++id) this->post_to_room(id, "general", this->bob_);
    EXPECT_EQ(this->room_page("general", std::nullopt, 0), (Ids{120}));
    EXPECT_EQ(this->room_page("general", std::nullopt, -5), (Ids{120}));
    Ids page = this->room_page("general", std::nullopt, 1000);
    ASSERT_EQ(page.size(), 100u);
    EXPECT_EQ(page.front(), 21);
    EXPECT_EQ(page.back(), 120);
}

TYPED_TEST(StoreMessagesTest, RoomsAndConversationsAreSeparate) {
    this->post_to_room(1, "general", this->bob_);
    this->post_to_room(2, "cpp", this->bob_);
    this->post_direct(3, this->alice_, this->bob_);
    this->post_direct(4, this->bob_, this->alice_);
    this->post_direct(5, this->bob_, this->carol_);
    this->post_to_room(6, "general", this->alice_);
    EXPECT_EQ(this->room_page("general", std::nullopt, 50), (Ids{1, 6}));
    EXPECT_EQ(this->room_page("cpp", std::nullopt, 50), (Ids{2}));
    EXPECT_EQ(this->direct_page(this->alice_, this->bob_, this->alice_), (Ids{3, 4}));
    EXPECT_EQ(this->direct_page(this->bob_, this->alice_, this->bob_), (Ids{3, 4}));
    EXPECT_EQ(this->direct_page(this->carol_, this->bob_, this->carol_), (Ids{5}));
    EXPECT_TRUE(this->direct_page(this->alice_, this->carol_, this->alice_).empty());
}

TYPED_TEST(StoreMessagesTest, MessagesFromBlockedSendersAreLeftOut) {
    this->post_to_room(1, "general", this->bob_);
    this->post_to_room(2, "general", this->carol_);
    this->post_to_room(3, "general", this->bob_);
    this->post_direct(4, this->bob_, this->alice_);
    this->post_direct(5, this->alice_, this->bob_);
    this->store().add_block(this->alice_, this->bob_);

    EXPECT_EQ(this->room_page("general", std::nullopt, 50, this->alice_), (Ids{2}));
    EXPECT_EQ(this->room_page("general", std::nullopt, 50, this->carol_), (Ids{1, 2, 3}));
    EXPECT_EQ(this->direct_page(this->alice_, this->bob_, this->alice_), (Ids{5}));
    EXPECT_EQ(this->direct_page(this->alice_, this->bob_, this->bob_), (Ids{4, 5}));
}

TYPED_TEST(StoreMessagesTest, BlockedSendersDoNotShortenThePage) {
    for (MessageId id = 1; id <= 6; ++id) {
        this->post_to_room(id, "general", id % 2 == 0 ? this->bob_ : this->carol_);
    }
    this->store().add_block(this->alice_, this->bob_);
    EXPECT_EQ(this->room_page("general", std::nullopt, 2, this->alice_), (Ids{3, 5}));
}

TYPED_TEST(StoreMessagesTest, LastMessageIdAndTimeAreZeroWhenEmpty) {
    EXPECT_EQ(this->store().last_message_id(), 0);
    EXPECT_EQ(this->store().last_message_ts(), 0);
    this->post_to_room(41, "general", this->bob_);
    this->post_direct(42, this->bob_, this->alice_);
    EXPECT_EQ(this->store().last_message_id(), 42);
    EXPECT_EQ(this->store().last_message_ts(), 1042);
}

TYPED_TEST(StoreMessagesTest, MessagesOfDeletedUsersStay) {
    this->post_to_room(1, "general", this->bob_);
    this->store().delete_user(this->bob_);
    EXPECT_EQ(this->room_page("general", std::nullopt, 50), (Ids{1}));
}

}  // namespace
}  // namespace parley::store::testing

namespace parley::store::testing {
namespace {

template <typename Backend>
class StoreCatchUpTest : public StoreMessagesTest<Backend> {};
TYPED_TEST_SUITE(StoreCatchUpTest, Backends, BackendNames);

TYPED_TEST(StoreCatchUpTest, AfterReturnsTheOldestNewerMessagesInOrder) {
    for (MessageId id = 1; id <= 10; ++id) this->post_to_room(id, "general", this->bob_);
    HistoryQuery query;
    query.room = "general";
    query.viewer = this->alice_;
    query.after = 3;
    query.limit = 4;
    EXPECT_EQ(this->ids(this->store().history(query)), (std::vector<MessageId>{4, 5, 6, 7}));
    query.before = 6;  // both bounds: a window
    EXPECT_EQ(this->ids(this->store().history(query)), (std::vector<MessageId>{4, 5}));
}

TYPED_TEST(StoreCatchUpTest, AfterWorksForDirectConversationsAndSkipsBlockedSenders) {
    this->post_direct(1, this->alice_, this->bob_);
    this->post_direct(2, this->bob_, this->alice_);
    this->post_direct(3, this->carol_, this->alice_);
    this->post_direct(4, this->alice_, this->bob_);
    HistoryQuery query;
    query.between = std::make_pair(this->bob_, this->alice_);
    query.viewer = this->alice_;
    query.after = 1;
    EXPECT_EQ(this->ids(this->store().history(query)), (std::vector<MessageId>{2, 4}));
    this->store().add_block(this->alice_, this->bob_);
    EXPECT_EQ(this->ids(this->store().history(query)), (std::vector<MessageId>{4}));
}

TYPED_TEST(StoreCatchUpTest, LastDirectMessagesListsEachConversationNewestFirst) {
    this->post_direct(1, this->alice_, this->bob_);
    this->post_direct(2, this->carol_, this->alice_);
    this->post_direct(3, this->bob_, this->alice_);
    this->post_direct(4, this->bob_, this->carol_);  // not alice's
    this->post_to_room(5, "general", this->bob_);    // not direct
    core::ConversationsQuery query{this->alice_, 10};
    EXPECT_EQ(this->ids(this->store().last_direct_messages(query)), (std::vector<MessageId>{3, 2}));
    // A blocked sender's messages don't count as the conversation's last.
    this->store().add_block(this->alice_, this->bob_);
    EXPECT_EQ(this->ids(this->store().last_direct_messages(query)), (std::vector<MessageId>{2, 1}));
    query.limit = 1;
    EXPECT_EQ(this->ids(this->store().last_direct_messages(query)), (std::vector<MessageId>{2}));
}

}  // namespace
}  // namespace parley::store::testing
