// Channel modes spelled and read: table-driven, over Parley's room settings.
#include <gtest/gtest.h>

#include "proto/irc/channel_modes.hpp"

namespace parley::proto::irc {
namespace {

using Params = std::vector<std::string>;
using core::RoomModes;
using core::RoomRole;

TEST(IrcChannelModes, CurrentModesListFlagsThenParameters) {
    EXPECT_EQ(mode_params(RoomModes{}), (Params{"+nt"}));
    RoomModes all{.topic_locked = true, .moderated = true, .secret = true, .invite_only = true,
                  .key = "k3y", .limit = 5};
    EXPECT_EQ(mode_params(all), (Params{"+nimstkl", "k3y", "5"}));
    EXPECT_EQ(mode_params(RoomModes{.topic_locked = false}), (Params{"+n"}));
}

struct ChangeCase {
    const char* name;
    RoomModes before;
    RoomModes after;
    Params expected;
};

class IrcModeChange : public testing::TestWithParam<ChangeCase> {};

TEST_P(IrcModeChange, SaysWhatChanged) {
    EXPECT_EQ(mode_change_params(GetParam().before, GetParam().after), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IrcModeChange,
    testing::Values(
        ChangeCase{"nothing", RoomModes{}, RoomModes{}, {}},
        ChangeCase{"moderate", RoomModes{}, RoomModes{.moderated = true}, {"+m"}},
        ChangeCase{"unlock_and_hide", RoomModes{}, RoomModes{.topic_locked = false, .secret = true},
                   {"+s-t"}},
        ChangeCase{"set_key", RoomModes{}, RoomModes{.key = "abc"}, {"+k", "abc"}},
        ChangeCase{"remove_key_names_it", RoomModes{.key = "abc"}, RoomModes{}, {"-k", "abc"}},
        ChangeCase{"limit_then_unlimit", RoomModes{.limit = 3}, RoomModes{}, {"-l"}},
        ChangeCase{"mixed", RoomModes{.key = "a"},
                   RoomModes{.moderated = true, .key = "b", .limit = 9}, {"+mkl", "b", "9"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IrcChannelModes, RoleChangesNameTheNickOncePerLetter) {
    EXPECT_EQ(role_change_params(RoomRole::member, RoomRole::op, "ann"), (Params{"+o", "ann"}));
    EXPECT_EQ(role_change_params(RoomRole::voice, RoomRole::member, "ann"), (Params{"-v", "ann"}));
    EXPECT_EQ(role_change_params(RoomRole::op, RoomRole::voice, "ann"),
              (Params{"-o+v", "ann", "ann"}));
    EXPECT_EQ(role_prefix(RoomRole::op), "@");
    EXPECT_EQ(role_prefix(RoomRole::voice), "+");
    EXPECT_EQ(role_prefix(RoomRole::member), "");
}

ModeRequest parsed(const Params& args) {
    auto result = parse_mode_request(args, max_modes_per_line);
    EXPECT_TRUE(std::holds_alternative<ModeRequest>(result)) << args[0];
    return std::get<ModeRequest>(result);
}

ModeError refused(const Params& args) {
    auto result = parse_mode_request(args, max_modes_per_line);
    EXPECT_TRUE(std::holds_alternative<ModeError>(result)) << args[0];
    return std::get<ModeError>(result);
}

TEST(IrcModeRequest, FlagsKeyAndLimit) {
    auto r = parsed({"+mk-s+l", "sesame", "10"});
    EXPECT_TRUE(r.changes_settings);
    EXPECT_EQ(r.settings.moderated, true);
    EXPECT_EQ(r.settings.secret, false);
    EXPECT_EQ(r.settings.key, "sesame");
    EXPECT_EQ(r.settings.limit, 10);
    EXPECT_FALSE(r.settings.topic_locked.has_value());
    auto off = parsed({"-kl", "sesame"});
    EXPECT_EQ(off.settings.key, "");
    EXPECT_EQ(off.settings.limit, 0);
}

TEST(IrcModeRequest, RolesAndBansTakeOneNickEach) {
    auto r = parsed({"+ov-b", "ann", "bob", "eve!*@*"});
    ASSERT_EQ(r.roles.size(), 2u);
    EXPECT_EQ(r.roles[0].nick, "ann");
    EXPECT_EQ(r.roles[0].role, RoomRole::op);
    EXPECT_EQ(r.roles[1].role, RoomRole::voice);
    EXPECT_TRUE(r.roles[1].add);
    ASSERT_EQ(r.bans.size(), 1u);
    EXPECT_FALSE(r.bans[0].add);
    EXPECT_EQ(r.bans[0].mask, "eve!*@*");
    EXPECT_FALSE(r.changes_settings);
}

TEST(IrcModeRequest, NIsAlwaysOnAndAskingForBansLists) {
    EXPECT_EQ(parsed({"+i"}).settings.invite_only, true);
    EXPECT_EQ(parsed({"-i"}).settings.invite_only, false);
    auto n = parsed({"+n"});
    EXPECT_FALSE(n.changes_settings);
    EXPECT_TRUE(parsed({"b"}).list_bans);
    EXPECT_TRUE(parsed({"+b"}).list_bans);
}

TEST(IrcModeRequest, MistakesAreNamed) {
    EXPECT_EQ(refused({"+x"}).kind, ModeError::Kind::unknown_mode);
    EXPECT_EQ(refused({"+x"}).mode, 'x');
    EXPECT_EQ(refused({"+k"}).kind, ModeError::Kind::missing_parameter);
    EXPECT_EQ(refused({"+o"}).kind, ModeError::Kind::missing_parameter);
    EXPECT_EQ(refused({"+l", "many"}).kind, ModeError::Kind::invalid_parameter);
    EXPECT_EQ(refused({"+l", "0"}).kind, ModeError::Kind::invalid_parameter);
}

TEST(IrcModeRequest, AtMostFourChangesWithParameters) {
    auto r = parsed({"+vvvvv", "a", "b", "c", "d", "e"});
    EXPECT_EQ(r.roles.size(), 4u);
}

}  // namespace
}  // namespace parley::proto::irc
