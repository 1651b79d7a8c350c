#include "hub_fixture.hpp"

namespace parley::test {

namespace {

using Ids = std::vector<ConnId>;

TEST_F(HubTest, MembersCannotModerate) {
    EXPECT_EQ(code(run(2, cmd::Kick{"general", 3, ""})), Errc::forbidden);
    EXPECT_EQ(code(run(2, cmd::Ban{3, std::nullopt, ""})), Errc::forbidden);
    EXPECT_EQ(code(run(2, cmd::Unban{3, std::nullopt})), Errc::forbidden);
}

TEST_F(HubTest, KickRemovesAndTellsButAllowsRejoin) {
    auto outcome = run(1, cmd::Kick{"general", 3, "spam"});
    ASSERT_TRUE(outcome.answer.ok());
    EXPECT_EQ(receivers<event::Kicked>(outcome.effects), Ids{conn(3)});
    EXPECT_EQ(receivers<event::Left>(outcome.effects), Ids{conn(2)});  // conn(3) got Kicked
    EXPECT_EQ(code(run(3, cmd::Send{"general", "hi", {}})), Errc::not_member);
    EXPECT_TRUE(run(3, cmd::Join{"general"}).answer.ok());
    EXPECT_EQ(code(run(1, cmd::Kick{"general", 99, ""})), Errc::not_found);
}

TEST_F(HubTest, ModerationNamesTheTargetByUsername) {
    EXPECT_TRUE(run(1, cmd::Kick{"general", 0, "", "User3"}).answer.ok());
    ASSERT_TRUE(run(1, cmd::Ban{0, "general", "", "user3"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"general"})), Errc::banned);
    ASSERT_TRUE(run(1, cmd::Unban{0, "general", "USER3"}).answer.ok());
    EXPECT_TRUE(run(3, cmd::Join{"general"}).answer.ok());
    EXPECT_EQ(code(run(1, cmd::Kick{"general", 0, "", "ghost"})), Errc::not_found);
}

TEST_F(HubTest, RoomBanKeepsTheUserOutUntilUnbanned) {
    ASSERT_TRUE(run(1, cmd::Ban{3, "general", "rude"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"general"})), Errc::banned);
    EXPECT_EQ(code(run(3, cmd::History{"general", std::nullopt, std::nullopt, 10})),
              Errc::banned);
    ASSERT_TRUE(run(1, cmd::Unban{3, "general"}).answer.ok());
    EXPECT_TRUE(run(3, cmd::Join{"general"}).answer.ok());
}

TEST_F(HubTest, ServerBanClosesEveryConnection) {
    ASSERT_TRUE(hub_.connect(300, make_user(3), "other", now_).answer.ok());
    auto outcome = run(1, cmd::Ban{3, std::nullopt, "bye"});
    EXPECT_EQ(receivers<event::Banned>(outcome.effects), (Ids{conn(3), 300}));
    ASSERT_EQ(outcome.effects.closings.size(), 2u);
    EXPECT_EQ(outcome.effects.closings[0].reason, CloseReason::banned);
    EXPECT_FALSE(hub_.is_online(3));
    auto banned = make_user(3);
    banned.banned = true;
    EXPECT_EQ(code(hub_.connect(302, banned, "late", now_)), Errc::banned);
    EXPECT_EQ(code(run(1, cmd::Ban{1, std::nullopt, ""})), Errc::bad_request);
}

TEST_F(HubTest, UnbanRevokesOldSessionsForGood) {
    ASSERT_TRUE(run(1, cmd::Ban{3, std::nullopt, ""}).answer.ok());
    auto outcome = run(1, cmd::Unban{3, std::nullopt});
    ASSERT_EQ(outcome.effects.persist.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<op::RevokeSessions>(outcome.effects.persist[1]));
}

}  // namespace

}  // namespace parley::test

namespace parley::test {
namespace {

TEST_F(HubTest, OperatorPowersBelongToOneConnection) {
    ASSERT_TRUE(hub_.connect(200, make_user(2), "other", now_).answer.ok());
    EXPECT_EQ(code(run(2, cmd::Kick{"general", 3, ""})), Errc::forbidden);
    hub_.grant_operator(conn(2));
    EXPECT_TRUE(run(2, cmd::Kick{"general", 3, ""}).answer.ok());
    EXPECT_EQ(code(hub_.handle(200, cmd::Kick{"general", 1, ""}, now_)), Errc::forbidden);
}

}  // namespace
}  // namespace parley::test
