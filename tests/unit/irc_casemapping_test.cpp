#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "proto/irc/casemapping.hpp"

namespace parley::proto::irc {

namespace {

TEST(IrcCasemapping, FoldsAsciiOnly) {
    struct Case {
        const char* name;
        const char* folded;
    };
    const Case cases[] = {
        {"Dan", "dan"},
        {"DAN_the-Man42", "dan_the-man42"},
        {"#General", "#general"},
        {"[]\\~", "[]\\~"},        // rfc1459 would fold these; ascii must not
        {"\xC3\x89", "\xC3\x89"},  // É: not ASCII, kept as is
        {"", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(fold(c.name), c.folded) << c.name;
    EXPECT_EQ(fold("Alice"), fold("aLICE"));
    EXPECT_EQ(casemapping_token, "CASEMAPPING=ascii");
}

TEST(IrcCasemapping, KnowsChannelsFromNicks) {
    EXPECT_TRUE(is_channel("#general"));
    EXPECT_TRUE(is_channel("#"));
    EXPECT_FALSE(is_channel("general"));
    EXPECT_FALSE(is_channel("&local"));  // not a channel type Parley offers
    EXPECT_FALSE(is_channel(""));
    EXPECT_FALSE(is_channel("dan"));
}

TEST(IrcCasemapping, MapsChannelsToRooms) {
    struct Case {
        std::string channel;
        std::optional<std::string> room;
    };
    const Case cases[] = {
        {"#general", "general"},
        {"#General", "general"},
        {"#DEV-ops_2", "dev-ops_2"},
        {"#0day", "0day"},
        {"#" + std::string(50, 'a'), std::string(50, 'a')},
        {"#" + std::string(51, 'a'), std::nullopt},
        {"#", std::nullopt},
        {"general", std::nullopt},
        {"##general", std::nullopt},
        {"#-general", std::nullopt},
        {"#_general", std::nullopt},
        {"#gen eral", std::nullopt},
        {"#gen,eral", std::nullopt},
        {"#caf\xC3\xA9", std::nullopt},
    };
    for (const auto& c : cases) EXPECT_EQ(room_of_channel(c.channel), c.room) << c.channel;
}

TEST(IrcCasemapping, MapsRoomsToChannelsAndBack) {
    for (const char* room : {"general", "dev-ops", "a", "x_1"}) {
        EXPECT_EQ(channel_of_room(room), std::string("#") + room);
        EXPECT_EQ(room_of_channel(channel_of_room(room)), room);
    }
}

}  // namespace

}  // namespace parley::proto::irc
