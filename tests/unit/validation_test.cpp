#include <gtest/gtest.h>

#include "core/validation.hpp"

using namespace parley::core;

namespace {

struct Case {
    const char* input;
    bool ok;
    Errc code;
};

class UsernameTest : public testing::TestWithParam<Case> {};

TEST_P(UsernameTest, Validates) {
    auto result = validate_username(GetParam().input);
    EXPECT_EQ(result.ok(), GetParam().ok) << GetParam().input;
    if (!result.ok()) EXPECT_EQ(result.error().code, GetParam().code);
}

INSTANTIATE_TEST_SUITE_P(Names, UsernameTest,
                         testing::Values(Case{"alice", true, {}}, Case{"Al_1-x", true, {}},
                                         Case{"ab", false, Errc::invalid_username},
                                         Case{"1abc", false, Errc::invalid_username},
                                         Case{"al ice", false, Errc::invalid_username},
                                         Case{"", false, Errc::empty_field},
                                         Case{"   ", false, Errc::empty_field},
                                         Case{"abcdefghijabcdefghijabcdefghijab", true, {}},
                                         Case{"abcdefghijabcdefghijabcdefghijabc", false,
                                              Errc::invalid_username}));

class RoomNameTest : public testing::TestWithParam<Case> {};

TEST_P(RoomNameTest, Validates) {
    EXPECT_EQ(validate_room_name(GetParam().input).ok(), GetParam().ok) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(Rooms, RoomNameTest,
                         testing::Values(Case{"general", true, {}}, Case{"0day", true, {}},
                                         Case{"a-b_c", true, {}}, Case{"", false, {}},
                                         Case{"General", false, {}}, Case{"-x", false, {}},
                                         Case{"#x", false, {}}));

TEST(MessageText, CountsCharactersNotBytes) {
    std::string four_thousand_snowmen;
    for (int i = 0; i < 4000; ++i) four_thousand_snowmen += "\u2603";
    EXPECT_TRUE(validate_message_text(four_thousand_snowmen).ok());
    EXPECT_FALSE(validate_message_text(four_thousand_snowmen + "x").ok());
}

TEST(MessageText, RefusesBlankInvalidUtf8AndNul) {
    EXPECT_EQ(validate_message_text("").error().code, Errc::invalid_text);
    EXPECT_EQ(validate_message_text(" \n\t\u00A0").error().code, Errc::invalid_text);
    EXPECT_EQ(validate_message_text("\xC3\x28").error().code, Errc::invalid_text);
    EXPECT_EQ(validate_message_text("\xED\xA0\x80").error().code, Errc::invalid_text);  // surrogate
    EXPECT_EQ(validate_message_text(std::string("a\0b", 3)).error().code, Errc::invalid_text);
    EXPECT_TRUE(validate_message_text("hello\nworld").ok());
}

TEST(Password, ByteLimits) {
    EXPECT_EQ(validate_password("1234567").error().code, Errc::invalid_password);
    EXPECT_TRUE(validate_password("12345678").ok());
    EXPECT_TRUE(validate_password(std::string(1024, 'x')).ok());
    EXPECT_EQ(validate_password(std::string(1025, 'x')).error().code, Errc::invalid_password);
    EXPECT_EQ(validate_password("").error().code, Errc::empty_field);
}

TEST(NameField, BlankTooLongAndControlCharacters) {
    EXPECT_EQ(validate_name_field("display_name", " ").error().code, Errc::empty_field);
    EXPECT_EQ(validate_name_field("display_name", std::string(101, 'x')).error().code,
              Errc::invalid_field);
    EXPECT_EQ(validate_name_field("display_name", "a\x01").error().code, Errc::invalid_field);
    EXPECT_TRUE(validate_name_field("display_name", "Zoë Ångström").ok());
}

}  // namespace
