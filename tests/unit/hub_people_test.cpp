#include "hub_fixture.hpp"

namespace parley::test {

namespace {

using Ids = std::vector<ConnId>;

TEST_F(HubTest, DirectMessageReachesRecipientAndSendersOtherConnections) {
    ASSERT_TRUE(hub_.connect(200, make_user(2), session(2), now_).answer.ok());
    auto outcome = run(2, cmd::SendDm{3, "psst"});
    const auto& message = std::get<answer::Posted>(outcome.answer.value()).message;
    EXPECT_EQ(message.to, 3);
    EXPECT_FALSE(message.room.has_value());
    EXPECT_EQ(receivers<event::MessagePosted>(outcome.effects), (Ids{conn(3), 200}));
    EXPECT_EQ(code(run(2, cmd::SendDm{77, "hi"})), Errc::not_found);
}

TEST_F(HubTest, DirectMessageByUsernameInAnyCase) {
    auto outcome = run(2, cmd::SendDm{0, "psst", "USER3"});
    ASSERT_TRUE(outcome.answer.ok());
    EXPECT_EQ(std::get<answer::Posted>(outcome.answer.value()).message.to, 3);
    EXPECT_EQ(code(run(2, cmd::SendDm{0, "hi", "nobody"})), Errc::not_found);
    EXPECT_EQ(code(run(2, cmd::SendDm{0, "hi", ""})), Errc::not_found);
}

TEST_F(HubTest, BlockSilencesRoomMessagesTypingAndDms) {
    ASSERT_TRUE(run(3, cmd::Block{2}).answer.ok());
    EXPECT_EQ(receivers<event::MessagePosted>(run(2, cmd::Send{"general", "hi", {}}).effects),
              Ids{conn(1)});
    EXPECT_EQ(receivers<event::Typing>(run(2, cmd::Typing{"general"}).effects), Ids{conn(1)});
    EXPECT_EQ(code(run(2, cmd::SendDm{3, "hi"})), Errc::blocked);
    // The blocker can still write to the blocked user.
    EXPECT_TRUE(run(3, cmd::SendDm{2, "bye"}).answer.ok());
    ASSERT_TRUE(run(3, cmd::Unblock{2}).answer.ok());
    EXPECT_EQ(receivers<event::Typing>(run(2, cmd::Typing{"general"}).effects),
              (Ids{conn(1), conn(3)}));
}

TEST_F(HubTest, BlockIsPersistedOnceAndListedInReady) {
    EXPECT_EQ(run(3, cmd::Block{2}).effects.persist.size(), 1u);
    EXPECT_TRUE(run(3, cmd::Block{2}).effects.persist.empty());
    auto ready = hub_.connect(300, make_user(3), session(3), now_);
    EXPECT_EQ(std::get<answer::Ready>(ready.answer.value()).blocked, std::vector<UserId>{2});
    EXPECT_EQ(code(run(3, cmd::Block{3})), Errc::bad_request);
    EXPECT_EQ(code(run(3, cmd::Block{99})), Errc::not_found);
}

TEST_F(HubTest, HistoryOfBlockedSendersIsFilteredByViewer) {
    auto outcome = run(3, cmd::History{"general", std::nullopt, std::nullopt, 20});
    ASSERT_TRUE(outcome.read.has_value());
    EXPECT_EQ(history(outcome).viewer, 3);  // the store leaves out senders the viewer blocks
}

TEST_F(HubTest, ConversationsAreReadFromTheStoreForTheCaller) {
    auto outcome = run(2, cmd::Conversations{});
    ASSERT_TRUE(outcome.answer.ok());
    ASSERT_TRUE(outcome.read.has_value());
    EXPECT_EQ(std::get<ConversationsQuery>(*outcome.read).viewer, 2);
    EXPECT_EQ(hub_.user_of(conn(2)), 2);
}

TEST_F(HubTest, ProfileChangesReachEveryone) {
    auto user = make_user(2);
    user.display_name = "Bee";
    auto effects = hub_.user_changed(user);
    EXPECT_EQ(receivers<event::UserChanged>(effects), (Ids{conn(1), conn(2), conn(3)}));
    EXPECT_EQ(hub_.find_user(2)->display_name, "Bee");
}

TEST_F(HubTest, EndingASessionClosesOnlyItsConnections) {
    ASSERT_TRUE(hub_.connect(200, make_user(2), "other", now_).answer.ok());
    auto effects = hub_.end_session(session(2));
    ASSERT_EQ(effects.closings.size(), 1u);
    EXPECT_EQ(effects.closings[0].conn, conn(2));
    EXPECT_TRUE(hub_.is_online(2));
    auto others = hub_.end_sessions_of(2, std::nullopt);
    EXPECT_EQ(others.closings.size(), 1u);
    EXPECT_FALSE(hub_.is_online(2));
    EXPECT_EQ(receivers<event::Presence>(others), (Ids{conn(1), conn(3)}));
}

TEST_F(HubTest, DeletedUsersVanish) {
    auto effects = hub_.user_deleted(3);
    EXPECT_EQ(effects.closings.size(), 1u);
    EXPECT_FALSE(hub_.find_user(3).has_value());
    EXPECT_EQ(code(run(2, cmd::SendDm{3, "hi"})), Errc::not_found);
    EXPECT_EQ(hub_.rooms().front().members, 2);
}

}  // namespace

}  // namespace parley::test

namespace parley::test {
namespace {

TEST_F(HubTest, WhoIsFindsAUserByNameWithTheirRooms) {
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    auto outcome = run(2, cmd::WhoIs{0, "USER3"});
    const auto& profile = std::get<answer::Profile>(outcome.answer.value());
    EXPECT_EQ(profile.user.id, 3);
    EXPECT_TRUE(profile.user.online);
    EXPECT_EQ(profile.rooms, (std::vector<std::string>{"dev", "general"}));
    EXPECT_EQ(code(run(2, cmd::WhoIs{0, "ghost"})), Errc::not_found);
}

TEST_F(HubTest, ListRoomsCountsMembers) {
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    auto outcome = run(2, cmd::ListRooms{});
    const auto& rooms = std::get<answer::Rooms>(outcome.answer.value()).rooms;
    ASSERT_EQ(rooms.size(), 2u);
    EXPECT_EQ(rooms[0].room.name, "dev");
    EXPECT_EQ(rooms[0].members, 1);
    EXPECT_EQ(rooms[1].members, 3);
}

}  // namespace
}  // namespace parley::test

namespace parley::test {
namespace {

TEST_F(HubTest, SetDisplayNameIsStoredAndAnnounced) {
    auto outcome = run(2, cmd::SetDisplayName{"Bea Bee"});
    ASSERT_TRUE(outcome.answer.ok());
    ASSERT_EQ(outcome.effects.persist.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<op::SetDisplayName>(outcome.effects.persist[0]));
    EXPECT_EQ(receivers<event::UserChanged>(outcome.effects),
              (std::vector<ConnId>{conn(1), conn(3)}));
    EXPECT_EQ(hub_.find_user(2)->display_name, "Bea Bee");
    EXPECT_EQ(code(run(2, cmd::SetDisplayName{"  "})), Errc::empty_field);
}

}  // namespace
}  // namespace parley::test

namespace parley::test {
namespace {

TEST_F(HubTest, MonitorTellsOnlyTheWatchersWhenSomeoneComesAndGoes) {
    auto added = run(2, cmd::Monitor{cmd::Monitor::Action::add, {"USER3", "ghost"}});
    const auto& status = std::get<answer::Monitored>(added.answer.value());
    ASSERT_EQ(status.online.size(), 1u);
    EXPECT_EQ(status.online[0].id, 3);
    EXPECT_EQ(status.offline, std::vector<std::string>{"ghost"});
    auto gone = hub_.disconnect(conn(3));
    EXPECT_EQ(receivers<event::Watched>(gone), std::vector<ConnId>{conn(2)});
    auto back = hub_.connect(conn(3), make_user(3), session(3), now_);
    EXPECT_EQ(receivers<event::Watched>(back.effects), std::vector<ConnId>{conn(2)});
    ASSERT_TRUE(run(2, cmd::Monitor{cmd::Monitor::Action::clear, {}}).answer.ok());
    EXPECT_TRUE(receivers<event::Watched>(hub_.disconnect(conn(3))).empty());
}

TEST_F(HubTest, MonitorListIsCapped) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i <= cmd::max_monitored; ++i) names.push_back("n" + std::to_string(i));
    auto outcome = run(2, cmd::Monitor{cmd::Monitor::Action::add, names});
    EXPECT_TRUE(std::get<answer::Monitored>(outcome.answer.value()).full);
}

}  // namespace
}  // namespace parley::test
