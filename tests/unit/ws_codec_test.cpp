#include <gtest/gtest.h>

#include "proto/ws/codec.hpp"
#include "proto/ws/json_wire.hpp"

namespace parley::proto::ws {

namespace {

using core::Errc;

TEST(WsCodec, ReadsEveryCommandOfTheTable) {
    struct Case {
        const char* frame;
        std::size_t alternative;
    };
    const Case cases[] = {
        {R"({"type":"join","room":"dev"})", 0},
        {R"({"type":"leave","room":"dev"})", 1},
        {R"({"type":"send","room":"dev","text":"hi","attachments":[1,2]})", 2},
        {R"({"type":"send_dm","to":4,"text":"hi"})", 3},
        {R"({"type":"history","room":"dev","before":9,"limit":5})", 4},
        {R"({"type":"typing","room":"dev"})", 5},
        {R"({"type":"block","user_id":4})", 6},
        {R"({"type":"unblock","user_id":4})", 7},
        {R"({"type":"kick","room":"dev","user_id":4,"reason":"x"})", 8},
        {R"({"type":"ban","user_id":4})", 9},
        {R"({"type":"unban","user_id":4,"room":"dev"})", 10},
    };
    for (const auto& c : cases) {
        auto frame = decode(c.frame);
        auto* command = std::get_if<CommandFrame>(&frame);
        ASSERT_NE(command, nullptr) << c.frame;
        EXPECT_EQ(command->command.index(), c.alternative) << c.frame;
    }
}

TEST(WsCodec, KeepsTheIdExactly) {
    auto text_id = std::get<CommandFrame>(decode(R"({"type":"join","room":"a","id":"x-1"})"));
    EXPECT_EQ(text_id.tag, R"("x-1")");
    auto number_id = std::get<CommandFrame>(decode(R"({"type":"join","room":"a","id":17})"));
    EXPECT_EQ(number_id.tag, "17");
    JsonWire wire;
    EXPECT_EQ(wire.answer(number_id.tag, core::answer::Done{}), R"({"type":"ok","id":17})");
}

TEST(WsCodec, ExplainsBadFrames) {
    struct Case {
        const char* frame;
        Errc code;
    };
    const Case cases[] = {
        {"not json", Errc::bad_request},
        {"[1,2]", Errc::bad_request},
        {R"({"id":1})", Errc::bad_request},
        {R"({"type":"dance"})", Errc::unknown_command},
        {R"({"type":"join"})", Errc::bad_request},
        {R"({"type":"join","room":5})", Errc::bad_request},
        {R"({"type":"send_dm","to":"bob","text":"x"})", Errc::bad_request},
        {R"({"type":"send","room":"a","text":"x","attachments":["a"]})", Errc::bad_request},
    };
    for (const auto& c : cases) {
        auto frame = decode(c.frame);
        auto* bad = std::get_if<BadFrame>(&frame);
        ASSERT_NE(bad, nullptr) << c.frame;
        EXPECT_EQ(bad->error.code, c.code) << c.frame;
    }
    auto tagged = std::get<BadFrame>(decode(R"({"type":"dance","id":"q"})"));
    EXPECT_EQ(tagged.tag, R"("q")");
}

TEST(WsCodec, AuthWithAMalformedTokenIsStillAnAuthFrame) {
    EXPECT_EQ(std::get<AuthFrame>(decode(R"({"type":"auth","token":"abc"})")).token, "abc");
    EXPECT_EQ(std::get<AuthFrame>(decode(R"({"type":"auth","token":12})")).token, "");
}

TEST(JsonWire, EncodesEventsInTheContractShape) {
    JsonWire wire;
    core::Message message;
    message.id = 7;
    message.room = "dev";
    message.from = 2;
    message.text = "a \"quoted\" <b>";
    message.ts = 1000;
    EXPECT_EQ(wire.event(core::event::MessagePosted{message}, 0),
              R"({"type":"message","message":{"id":7,"room":"dev","from":2,"to":null,)"
              R"("text":"a \"quoted\" <b>","ts":1000,"attachments":[]}})");
    EXPECT_EQ(wire.event(core::event::Left{"dev", 3, "kicked"}, 0),
              R"({"type":"left","room":"dev","user_id":3,"reason":"kicked"})");
    EXPECT_EQ(wire.error("", core::Error{Errc::blocked}),
              R"({"type":"error","code":"blocked","message":"This user does not accept your messages."})");
    EXPECT_EQ(wire.close_code(core::CloseReason::banned), 4003);
    EXPECT_EQ(wire.close_code(core::CloseReason::session_ended), 4001);
}

}  // namespace

}  // namespace parley::proto::ws
