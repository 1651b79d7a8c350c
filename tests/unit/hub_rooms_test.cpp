#include "hub_fixture.hpp"

namespace parley::test {

namespace {

using Ids = std::vector<ConnId>;

TEST_F(HubTest, ReadyListsRoomsOnlineUsersAndBlocks) {
    auto outcome = hub_.connect(900, make_user(2), session(2), now_);
    const auto& ready = std::get<answer::Ready>(outcome.answer.value());
    EXPECT_EQ(ready.rooms, std::vector<std::string>{"general"});
    EXPECT_EQ(ready.online.size(), 3u);
    EXPECT_TRUE(ready.user.online);
    // A second connection of an online user is not news to anyone.
    EXPECT_TRUE(outcome.effects.deliveries.empty());
}

TEST_F(HubTest, FirstConnectionAndLastCloseAnnouncePresence) {
    start(2, HubOptions{.limits = false});
    auto disconnect = hub_.disconnect(conn(2));
    EXPECT_EQ(receivers<event::Presence>(disconnect), Ids{conn(1)});
    auto connect = hub_.connect(conn(2), make_user(2), session(2), now_);
    EXPECT_EQ(receivers<event::Presence>(connect.effects), Ids{conn(1)});
}

TEST_F(HubTest, JoinCreatesRoomPersistsAndTellsMembers) {
    auto first = run(2, cmd::Join{"dev"});
    ASSERT_TRUE(first.answer.ok());
    // The room, its opener as its operator, then the membership.
    ASSERT_EQ(first.effects.persist.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<op::EnsureRoom>(first.effects.persist[0]));
    auto founder = std::get<op::SetRoomRole>(first.effects.persist[1]);
    EXPECT_EQ(founder.user, 2);
    EXPECT_EQ(founder.role, RoomRole::op);
    ASSERT_TRUE(first.read.has_value());
    EXPECT_EQ(history(first).room, "dev");
    auto second = run(3, cmd::Join{"dev"});
    EXPECT_EQ(receivers<event::Joined>(second.effects), Ids{conn(2)});
    auto members = std::get<answer::Joined>(second.answer.value()).members;
    EXPECT_EQ(members.size(), 2u);
    // Joining again changes nothing and tells nobody.
    auto again = run(3, cmd::Join{"dev"});
    EXPECT_TRUE(again.effects.persist.empty());
    EXPECT_TRUE(again.effects.deliveries.empty());
}

TEST_F(HubTest, JoinRefusesBadNames) {
    EXPECT_EQ(code(run(2, cmd::Join{"Bad Name"})), Errc::invalid_room);
    EXPECT_EQ(code(run(2, cmd::Join{""})), Errc::invalid_room);
}

TEST_F(HubTest, SendReachesOtherMembersNotTheSendingConnection) {
    ASSERT_TRUE(hub_.connect(200, make_user(2), session(2), now_).answer.ok());
    auto outcome = run(2, cmd::Send{"general", "hello", {}});
    const auto& message = std::get<answer::Posted>(outcome.answer.value()).message;
    EXPECT_EQ(message.id, 42);
    EXPECT_EQ(message.room, "general");
    EXPECT_EQ(receivers<event::MessagePosted>(outcome.effects), (Ids{conn(1), conn(3), 200}));
    ASSERT_EQ(outcome.effects.persist.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<op::AppendMessage>(outcome.effects.persist[0]));
}

TEST_F(HubTest, MessageIdsAndTimesOnlyGrow) {
    auto a = run(2, cmd::Send{"general", "one", {}});
    now_ -= 5000;  // the clock stepped back
    auto b = run(2, cmd::Send{"general", "two", {}});
    const auto& first = std::get<answer::Posted>(a.answer.value()).message;
    const auto& second = std::get<answer::Posted>(b.answer.value()).message;
    EXPECT_GT(second.id, first.id);
    EXPECT_GE(second.ts, first.ts);
}

TEST_F(HubTest, SendChecksTextRoomAndMembership) {
    EXPECT_EQ(code(run(2, cmd::Send{"general", "   ", {}})), Errc::invalid_text);
    EXPECT_EQ(code(run(2, cmd::Send{"nowhere", "hi", {}})), Errc::not_found);
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    EXPECT_EQ(code(run(2, cmd::Send{"dev", "hi", {}})), Errc::not_member);
}

TEST_F(HubTest, MessageRateIsLimitedPerUser) {
    start(2, HubOptions{.limits = true, .messages = {.per_second = 1.0, .burst = 3.0}});
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(hub_.handle(conn(2), cmd::Send{"general", "x", {}}, now_).answer.ok());
    }
    EXPECT_EQ(code(hub_.handle(conn(2), cmd::Send{"general", "x", {}}, now_)), Errc::rate_limited);
    EXPECT_TRUE(hub_.handle(conn(2), cmd::Send{"general", "x", {}}, now_ + 1000).answer.ok());
}

TEST_F(HubTest, LeaveTellsTheRoomAndOwnOtherConnections) {
    ASSERT_TRUE(hub_.connect(200, make_user(2), session(2), now_).answer.ok());
    auto outcome = run(2, cmd::Leave{"general"});
    EXPECT_EQ(receivers<event::Left>(outcome.effects), (Ids{conn(1), conn(3), 200}));
    EXPECT_EQ(code(run(2, cmd::Leave{"general"})), Errc::not_member);
    EXPECT_EQ(code(run(2, cmd::Send{"general", "hi", {}})), Errc::not_member);
}

TEST_F(HubTest, TypingIsNotPersisted) {
    auto outcome = run(2, cmd::Typing{"general"});
    EXPECT_TRUE(outcome.effects.persist.empty());
    EXPECT_EQ(receivers<event::Typing>(outcome.effects), (Ids{conn(1), conn(3)}));
}

TEST_F(HubTest, HistoryAsksForAPageWithinLimits) {
    auto room = run(2, cmd::History{"general", std::nullopt, 50, 500});
    ASSERT_TRUE(room.read.has_value());
    EXPECT_EQ(history(room).limit, max_history_limit);
    EXPECT_EQ(history(room).before, 50);
    EXPECT_EQ(history(room).viewer, 2);
    auto dm = run(3, cmd::History{std::nullopt, UserId{2}, std::nullopt, 10});
    ASSERT_TRUE(dm.read.has_value());
    EXPECT_EQ(history(dm).between, (std::pair<UserId, UserId>{2, 3}));
    EXPECT_EQ(code(run(2, cmd::History{"general", UserId{3}, std::nullopt, 10})),
              Errc::bad_request);
    EXPECT_EQ(code(run(2, cmd::History{"nowhere", std::nullopt, std::nullopt, 10})),
              Errc::not_found);
}

TEST_F(HubTest, HistoryAfterCatchesUpFromAKnownMessage) {
    auto outcome = run(2, cmd::History{"general", std::nullopt, std::nullopt, 30, MessageId{17}});
    EXPECT_EQ(history(outcome).after, 17);
    EXPECT_EQ(history(outcome).limit, 30);
}

TEST_F(HubTest, MembersListsARoomWithoutJoiningIt) {
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    auto outcome = run(2, cmd::Members{"dev"});
    const auto& members = std::get<answer::Joined>(outcome.answer.value()).members;
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0].id, 3);
    EXPECT_TRUE(outcome.effects.persist.empty());
    EXPECT_FALSE(outcome.read.has_value());
    EXPECT_EQ(code(run(2, cmd::Members{"nowhere"})), Errc::not_found);
}

TEST_F(HubTest, DirectHistoryByUsername) {
    cmd::History query;
    query.with_name = "User3";
    auto outcome = run(2, query);
    EXPECT_EQ(history(outcome).between, (std::pair<UserId, UserId>{2, 3}));
    query.with_name = "ghost";
    EXPECT_EQ(code(run(2, query)), Errc::not_found);
}

TEST_F(HubTest, CommandsFromUnknownConnectionsAreRefused) {
    EXPECT_EQ(code(hub_.handle(999, cmd::Join{"general"}, now_)), Errc::unauthorized);
}

}  // namespace

}  // namespace parley::test

namespace parley::test {
namespace {

TEST_F(HubTest, InviteTellsOnlyTheInvitedUnlessTheyBlockTheInviter) {
    ASSERT_TRUE(run(2, cmd::Join{"dev"}).answer.ok());
    auto outcome = run(2, cmd::Invite{"dev", 0, "user3"});
    ASSERT_TRUE(outcome.answer.ok());
    EXPECT_EQ(receivers<event::Invited>(outcome.effects), std::vector<ConnId>{conn(3)});
    EXPECT_EQ(code(run(1, cmd::Invite{"dev", 3, ""})), Errc::not_member);
    EXPECT_EQ(code(run(2, cmd::Invite{"general", 3, ""})), Errc::bad_request);  // already in
    ASSERT_TRUE(run(3, cmd::Block{2}).answer.ok());
    EXPECT_TRUE(run(2, cmd::Invite{"dev", 3, ""}).effects.deliveries.empty());
}

}  // namespace
}  // namespace parley::test
