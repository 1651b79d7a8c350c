#include <gtest/gtest.h>

#include "proto/irc/message.hpp"
#include "proto/irc/numerics.hpp"

namespace parley::proto::irc {

namespace {

TEST(IrcNumerics, BuildsNumericReplies) {
    struct Case {
        Message message;
        const char* wire;
    };
    const Case cases[] = {
        {numeric("irc.parley", RPL_WELCOME, "dan", {"Welcome to Parley, dan"}),
         ":irc.parley 001 dan :Welcome to Parley, dan\r\n"},
        {numeric("irc.parley", ERR_NOSUCHNICK, "dan", {"bob", "No such nick/channel"}),
         ":irc.parley 401 dan bob :No such nick/channel\r\n"},
        {numeric("irc.parley", ERR_INPUTTOOLONG, "", {"Input line was too long"}),
         ":irc.parley 417 * :Input line was too long\r\n"},
        {numeric("irc.parley", RPL_NAMREPLY, "dan", {"=", "#general", "@dan bob"}),
         ":irc.parley 353 dan = #general :@dan bob\r\n"},
        {numeric("irc.parley", RPL_SASLMECHS, "*", {"PLAIN", "are available SASL mechanisms"}),
         ":irc.parley 908 * PLAIN :are available SASL mechanisms\r\n"},
        {numeric("irc.parley", RPL_ENDOFMONLIST, "dan", {"End of MONITOR list"}),
         ":irc.parley 733 dan :End of MONITOR list\r\n"},
    };
    for (const auto& c : cases) EXPECT_EQ(serialize(c.message), c.wire);
}

TEST(IrcNumerics, CodesMatchTheSpecifications) {
    EXPECT_EQ(RPL_ISUPPORT, 5);
    EXPECT_EQ(RPL_TOPICWHOTIME, 333);
    EXPECT_EQ(ERR_NEEDMOREPARAMS, 461);
    EXPECT_EQ(ERR_CHANOPRIVSNEEDED, 482);
    EXPECT_EQ(RPL_MONONLINE, 730);
    EXPECT_EQ(RPL_LOGGEDIN, 900);
    EXPECT_EQ(ERR_SASLFAIL, 904);
}

}  // namespace

}  // namespace parley::proto::irc
