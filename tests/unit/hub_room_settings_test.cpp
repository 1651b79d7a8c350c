// Topic, modes and room roles: who may change them, what they do, who hears.
#include "hub_fixture.hpp"

namespace parley::test {

namespace {

using Ids = std::vector<ConnId>;

// User 2 opens #dev (and so operates it); user 3 joins it. User 1 is an admin.
class RoomSettingsTest : public HubTest {
protected:
    void SetUp() override {
        HubTest::SetUp();
        ASSERT_TRUE(run(2, cmd::Join{"dev"}).answer.ok());
        ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    }
    cmd::SetRoomModes modes() { return cmd::SetRoomModes{"dev"}; }
    RoomModes current() {
        auto outcome = run(2, cmd::Members{"dev"});
        return std::get<answer::Joined>(outcome.answer.value()).room.modes;
    }
};

TEST_F(RoomSettingsTest, WhoeverOpensARoomOperatesIt) {
    auto members = std::get<answer::Joined>(run(3, cmd::Members{"dev"}).answer.value());
    EXPECT_EQ(members.roles.at(2), RoomRole::op);
    EXPECT_FALSE(members.roles.contains(3));
    // Admins are operators everywhere, without a grant.
    ASSERT_TRUE(run(1, cmd::Join{"dev"}).answer.ok());
    members = std::get<answer::Joined>(run(3, cmd::Members{"dev"}).answer.value());
    EXPECT_EQ(members.roles.at(1), RoomRole::op);
}

TEST_F(RoomSettingsTest, LockedTopicIsForOperatorsAndEveryMemberHearsIt) {
    EXPECT_EQ(code(run(3, cmd::SetTopic{"dev", "mine now"})), Errc::forbidden);
    auto set = run(2, cmd::SetTopic{"dev", "Compilers"});
    ASSERT_TRUE(set.answer.ok());
    EXPECT_EQ(receivers<event::RoomChanged>(set.effects), (Ids{conn(2), conn(3)}));
    ASSERT_EQ(set.effects.persist.size(), 1u);
    auto saved = std::get<op::SaveRoom>(set.effects.persist[0]).room;
    EXPECT_EQ(saved.topic, "Compilers");
    EXPECT_EQ(saved.topic_by, "user2");
    // Unlocked, any member may set it; an outsider may not.
    ASSERT_TRUE(run(2, [&] { auto m = modes(); m.topic_locked = false; return m; }()).answer.ok());
    EXPECT_TRUE(run(3, cmd::SetTopic{"dev", "Linkers"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::SetTopic{"nope", "x"})), Errc::not_found);
}

TEST_F(RoomSettingsTest, TopicsAreOneLineOfAtMost390Bytes) {
    EXPECT_EQ(code(run(2, cmd::SetTopic{"dev", "two\nlines"})), Errc::invalid_field);
    EXPECT_EQ(code(run(2, cmd::SetTopic{"dev", std::string(391, 'x')})), Errc::invalid_field);
    EXPECT_TRUE(run(2, cmd::SetTopic{"dev", std::string(390, 'x')}).answer.ok());
    EXPECT_TRUE(run(2, cmd::SetTopic{"dev", ""}).answer.ok());  // clears it
}

TEST_F(RoomSettingsTest, OnlyOperatorsChangeModesAndNoChangeTellsNobody) {
    auto m = modes();
    m.moderated = true;
    EXPECT_EQ(code(run(3, m)), Errc::forbidden);
    auto changed = run(2, m);
    ASSERT_TRUE(changed.answer.ok());
    EXPECT_EQ(receivers<event::RoomChanged>(changed.effects), (Ids{conn(2), conn(3)}));
    auto again = run(2, m);
    EXPECT_TRUE(again.effects.deliveries.empty());
    EXPECT_TRUE(again.effects.persist.empty());
    EXPECT_TRUE(current().moderated);
}

TEST_F(RoomSettingsTest, ModeratedRoomsHearOnlyOperatorsAndVoicedMembers) {
    auto m = modes();
    m.moderated = true;
    ASSERT_TRUE(run(2, m).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Send{"dev", "hello?", {}})), Errc::moderated);
    EXPECT_TRUE(run(2, cmd::Send{"dev", "ops speak", {}}).answer.ok());
    auto voiced = run(2, cmd::SetRoomRole{"dev", 3, RoomRole::voice});
    ASSERT_TRUE(voiced.answer.ok());
    EXPECT_EQ(receivers<event::RoleChanged>(voiced.effects), (Ids{conn(2), conn(3)}));
    EXPECT_TRUE(run(3, cmd::Send{"dev", "now I can", {}}).answer.ok());
}

TEST_F(RoomSettingsTest, KeyAndLimitKeepPeopleOutButNotAdminsOrInvitees) {
    auto m = modes();
    m.key = "sesame";
    m.limit = 2;
    ASSERT_TRUE(run(2, m).answer.ok());
    ASSERT_TRUE(run(3, cmd::Leave{"dev"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"dev"})), Errc::wrong_key);
    EXPECT_TRUE(run(3, cmd::Join{"dev", "sesame"}).answer.ok());  // 2 members now: full
    start(4, HubOptions{.limits = false});
    ASSERT_TRUE(run(2, cmd::Join{"dev"}).answer.ok());
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    auto full = modes();
    full.limit = 2;
    ASSERT_TRUE(run(2, full).answer.ok());
    EXPECT_EQ(code(run(4, cmd::Join{"dev"})), Errc::room_full);
    EXPECT_TRUE(run(1, cmd::Join{"dev"}).answer.ok());  // admins pass
    ASSERT_TRUE(run(3, cmd::Invite{"dev", 4}).answer.ok());
    EXPECT_TRUE(run(4, cmd::Join{"dev"}).answer.ok());  // invited: passes once
}

TEST_F(RoomSettingsTest, InviteOnlyRoomsTakeTheInvitedAndAdmins) {
    auto m = modes();
    m.invite_only = true;
    ASSERT_TRUE(run(2, m).answer.ok());
    ASSERT_TRUE(run(3, cmd::Leave{"dev"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"dev"})), Errc::invite_only);
    EXPECT_TRUE(run(1, cmd::Join{"dev"}).answer.ok());
    ASSERT_TRUE(run(2, cmd::Invite{"dev", 3}).answer.ok());
    EXPECT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    ASSERT_TRUE(run(3, cmd::Leave{"dev"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"dev"})), Errc::invite_only);  // an invitation is used up
}

TEST_F(RoomSettingsTest, KeysAreOneIrcParameterAndLimitsPositive) {
    auto m = modes();
    m.key = "two words";
    EXPECT_EQ(code(run(2, m)), Errc::invalid_field);
    m.key = std::string(24, 'k');
    EXPECT_EQ(code(run(2, m)), Errc::invalid_field);
    auto l = modes();
    l.limit = -1;
    EXPECT_EQ(code(run(2, l)), Errc::invalid_field);
}

TEST_F(RoomSettingsTest, SecretRoomsAreHiddenFromOutsiders) {
    auto m = modes();
    m.secret = true;
    ASSERT_TRUE(run(2, m).answer.ok());
    auto listed = [&](UserId who) {
        auto rooms = std::get<answer::Rooms>(run(who, cmd::ListRooms{}).answer.value()).rooms;
        return std::any_of(rooms.begin(), rooms.end(),
                           [](const RoomSummary& r) { return r.room.name == "dev"; });
    };
    EXPECT_TRUE(listed(3));
    EXPECT_TRUE(listed(1));  // admins see every room
    ASSERT_TRUE(run(3, cmd::Leave{"dev"}).answer.ok());
    EXPECT_FALSE(listed(3));
    EXPECT_EQ(code(run(3, cmd::Members{"dev"})), Errc::not_found);
    EXPECT_FALSE(hub_.room_history(3, "dev", std::nullopt, 10).ok());
    EXPECT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());  // secret, not closed
}

TEST_F(RoomSettingsTest, KeysAreShownToMembersOnly) {
    auto m = modes();
    m.key = "sesame";
    ASSERT_TRUE(run(2, m).answer.ok());
    EXPECT_EQ(current().key, "sesame");
    auto outside = std::get<answer::Joined>(run(1, cmd::Members{"dev"}).answer.value());
    EXPECT_EQ(outside.room.modes.key, "");
    for (const auto& summary : hub_.rooms(3)) EXPECT_EQ(summary.room.modes.key, "");
}

TEST_F(RoomSettingsTest, GrantAndRevokeFollowIrcMeaning) {
    using Change = cmd::SetRoomRole::Change;
    ASSERT_TRUE(run(2, cmd::SetRoomRole{"dev", 3, RoomRole::op, "", Change::grant}).answer.ok());
    // +v on an operator leaves an operator; -v on one changes nothing either.
    auto voice = run(2, cmd::SetRoomRole{"dev", 3, RoomRole::voice, "", Change::grant});
    EXPECT_TRUE(voice.effects.deliveries.empty());
    auto unvoice = run(2, cmd::SetRoomRole{"dev", 3, RoomRole::voice, "", Change::revoke});
    EXPECT_TRUE(unvoice.effects.deliveries.empty());
    auto deop = run(3, cmd::SetRoomRole{"dev", 2, RoomRole::op, "", Change::revoke});
    ASSERT_TRUE(deop.answer.ok());  // operators may take each other's standing
    ASSERT_EQ(deop.effects.persist.size(), 1u);
    EXPECT_EQ(std::get<op::SetRoomRole>(deop.effects.persist[0]).role, RoomRole::member);
    EXPECT_EQ(code(run(2, cmd::SetRoomRole{"dev", 3, RoomRole::member})), Errc::forbidden);
}

TEST_F(RoomSettingsTest, RoomOperatorsModerateTheirRoomButNotAdminsOrTheServer) {
    ASSERT_TRUE(run(1, cmd::Join{"dev"}).answer.ok());
    EXPECT_EQ(code(run(2, cmd::Kick{"dev", 1, ""})), Errc::forbidden);
    EXPECT_EQ(code(run(2, cmd::Ban{3, std::nullopt, ""})), Errc::forbidden);
    EXPECT_EQ(code(run(2, cmd::Kick{"general", 3, ""})), Errc::forbidden);  // not their room
    EXPECT_TRUE(run(2, cmd::Kick{"dev", 3, "out"}).answer.ok());
    EXPECT_TRUE(run(2, cmd::Ban{3, "dev", "stay out"}).answer.ok());
    EXPECT_EQ(code(run(3, cmd::Join{"dev"})), Errc::banned);
    EXPECT_TRUE(run(2, cmd::Unban{3, "dev"}).answer.ok());
    EXPECT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    EXPECT_EQ(code(run(2, cmd::SetRoomRole{"dev", 1, RoomRole::member})), Errc::forbidden);
}

TEST_F(RoomSettingsTest, OperatorsSeeTheBanList) {
    ASSERT_TRUE(run(2, cmd::Ban{3, "dev", ""}).answer.ok());
    auto seen = std::get<answer::Joined>(run(2, cmd::Members{"dev"}).answer.value());
    ASSERT_EQ(seen.bans.size(), 1u);
    EXPECT_EQ(seen.bans[0].id, 3);
    auto hidden = std::get<answer::Joined>(run(3, cmd::Members{"dev"}).answer.value());
    EXPECT_TRUE(hidden.bans.empty());
}

TEST_F(RoomSettingsTest, InvitationsAreHeardByTheRoomEvenWhenBlocked) {
    start(4, HubOptions{.limits = false});
    ASSERT_TRUE(run(2, cmd::Join{"dev"}).answer.ok());
    ASSERT_TRUE(run(3, cmd::Join{"dev"}).answer.ok());
    ASSERT_TRUE(run(4, cmd::Block{2}).answer.ok());
    auto invite = run(2, cmd::Invite{"dev", 4});
    ASSERT_TRUE(invite.answer.ok());
    EXPECT_TRUE(receivers<event::Invited>(invite.effects).empty());
    EXPECT_EQ(receivers<event::InviteNotice>(invite.effects), Ids{conn(3)});
}

TEST_F(RoomSettingsTest, SettingsAndRolesSurviveARestart) {
    HubSnapshot snapshot;
    Room dev{"dev", "Compilers"};
    dev.modes.moderated = true;
    snapshot.rooms.push_back(dev);
    snapshot.users.push_back(make_user(2));
    snapshot.users.push_back(make_user(3));
    snapshot.memberships.emplace_back("dev", 2);
    snapshot.memberships.emplace_back("dev", 3);
    snapshot.room_roles.emplace_back("dev", 3, RoomRole::voice);
    hub_ = Hub(HubOptions{.limits = false});
    hub_.load(snapshot);
    ASSERT_TRUE(hub_.connect(conn(2), make_user(2), session(2), now_).answer.ok());
    ASSERT_TRUE(hub_.connect(conn(3), make_user(3), session(3), now_).answer.ok());
    EXPECT_EQ(code(run(2, cmd::Send{"dev", "hi", {}})), Errc::moderated);
    EXPECT_TRUE(run(3, cmd::Send{"dev", "hi", {}}).answer.ok());
}

}  // namespace

}  // namespace parley::test
