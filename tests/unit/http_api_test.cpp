// The HTTP routes against a fake Service: what each route asks the service,
// and what each answer (or error) looks like on the wire.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <variant>

#include "http/api.hpp"
#include "http_test_support.hpp"

namespace parley::http {
namespace {

using namespace test_support;  // NOLINT: the shared fake and helpers of these tests
namespace req = core::req;
namespace reply = core::reply;
using core::Errc;

// A readable one-line form of a Request, so table rows state what the service gets.
std::string text(const std::optional<std::string>& value) {
    return value ? "'" + *value + "'" : "-";
}
std::string text(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : "-";
}
struct Describe {
    std::string operator()(const req::Register& r) const {
        return "Register " + r.username + " " + r.password + " " + text(r.display_name) + " " +
               text(r.first_name) + " " + text(r.last_name);
    }
    std::string operator()(const req::Login& r) const {
        return "Login " + r.username + " " + r.password;
    }
    std::string operator()(const req::Logout&) const { return "Logout"; }
    std::string operator()(const req::GetMe&) const { return "GetMe"; }
    std::string operator()(const req::UpdateMe& r) const {
        return "UpdateMe " + text(r.display_name) + " " + text(r.first_name) + " " +
               text(r.last_name);
    }
    std::string operator()(const req::ChangePassword& r) const {
        return "ChangePassword " + r.old_password + " " + r.new_password;
    }
    std::string operator()(const req::DeleteMe& r) const { return "DeleteMe " + r.password; }
    std::string operator()(const req::GetUser& r) const {
        return "GetUser " + std::to_string(r.id);
    }
    std::string operator()(const req::ListUsers& r) const {
        return r.online_only ? "ListUsers online" : "ListUsers all";
    }
    std::string operator()(const req::ListRooms&) const { return "ListRooms"; }
    std::string operator()(const req::RoomMessages& r) const {
        return "RoomMessages '" + r.room + "' " + text(r.before) + " " + std::to_string(r.limit);
    }
    std::string operator()(const req::SetAvatar& r) const {
        return "SetAvatar " + std::to_string(r.bytes.size());
    }
    std::string operator()(const req::DeleteAvatar&) const { return "DeleteAvatar"; }
    std::string operator()(const req::UploadFile& r) const {
        return "UploadFile '" + r.name + "' " + std::to_string(r.bytes.size());
    }
    std::string operator()(const req::GetFile& r) const {
        return "GetFile " + std::to_string(r.id);
    }
    std::string operator()(const req::CheckSession&) const { return "CheckSession"; }
};

// ---- each route parses into the right Request -------------------------------------------

struct ParseCase {
    const char* name;
    const char* method;
    const char* target;
    const char* body;
    const char* request;  // Describe{} of what the service must receive
};

const ParseCase parse_cases[] = {
    {"register", "POST", "/api/v1/register", R"({"username":"alice","password":"secret123"})",
     "Register alice secret123 - - -"},
    {"register_names", "POST", "/api/v1/register",
     R"({"username":"bob","password":"p4ssword","display_name":"Zoë","first_name":"Bob",
         "last_name":null,"extra":[1]})",
     "Register bob p4ssword 'Zoë' 'Bob' -"},
    {"login", "POST", "/api/v1/login", R"({"username":"alice","password":"pw"})", "Login alice pw"},
    {"logout", "POST", "/api/v1/logout", "", "Logout"},
    {"logout_body_ignored", "POST", "/api/v1/logout", "junk", "Logout"},
    {"get_me", "GET", "/api/v1/me", "", "GetMe"},
    {"set_avatar", "PUT", "/api/v1/me/avatar", "\x89PNG", "SetAvatar 4"},
    {"delete_avatar", "DELETE", "/api/v1/me/avatar", "", "DeleteAvatar"},
    {"upload_file", "POST", "/api/v1/files?name=a%2Fb.txt", "hello", "UploadFile 'a/b.txt' 5"},
    {"upload_file_unnamed", "POST", "/api/v1/files", "", "UploadFile 'file' 0"},
    {"get_file", "GET", "/api/v1/files/7/x.txt", "", "GetFile 7"},
    {"me_cookie", "POST", "/api/v1/me/cookie", "", "CheckSession"},
    {"update_me", "PATCH", "/api/v1/me", R"({"first_name":"Ann"})", "UpdateMe - 'Ann' -"},
    {"update_me_all", "PATCH", "/api/v1/me",
     R"({"display_name":"A","first_name":"B","last_name":"C"})", "UpdateMe 'A' 'B' 'C'"},
    {"update_me_nothing", "PATCH", "/api/v1/me", "{}", "UpdateMe - - -"},
    {"change_password", "POST", "/api/v1/me/password",
     R"({"old_password":"old-one","new_password":"new-one"})", "ChangePassword old-one new-one"},
    {"delete_me", "DELETE", "/api/v1/me", R"({"password":"pw"})", "DeleteMe pw"},
    {"get_user", "GET", "/api/v1/users/42", "", "GetUser 42"},
    {"get_user_encoded", "GET", "/api/v1/users/%34%32", "", "GetUser 42"},
    {"list_users", "GET", "/api/v1/users", "", "ListUsers all"},
    {"list_users_online", "GET", "/api/v1/users?online=true", "", "ListUsers online"},
    {"list_users_not_online", "GET", "/api/v1/users?online=false", "", "ListUsers all"},
    {"list_users_online_1", "GET", "/api/v1/users?online=1", "", "ListUsers online"},
    {"list_rooms", "GET", "/api/v1/rooms", "", "ListRooms"},
    {"messages", "GET", "/api/v1/rooms/general/messages", "", "RoomMessages 'general' - 50"},
    {"messages_query", "GET", "/api/v1/rooms/general/messages?before=120&limit=10", "",
     "RoomMessages 'general' 120 10"},
    {"messages_decoded", "GET", "/api/v1/rooms/caf%C3%A9%20x/messages?limit=%33&before=%37", "",
     "RoomMessages 'café x' 7 3"},
    {"messages_slash_stays_in_name", "GET", "/api/v1/rooms/a%2Fb/messages", "",
     "RoomMessages 'a/b' - 50"},
    {"messages_huge_limit_saturates", "GET", "/api/v1/rooms/r/messages?limit=99999999999", "",
     "RoomMessages 'r' - 2147483647"},
    {"messages_first_of_repeated", "GET", "/api/v1/rooms/r/messages?limit=5&limit=9", "",
     "RoomMessages 'r' - 5"},
};

// gtest prints a case by its name instead of its bytes.
void PrintTo(const ParseCase& row, std::ostream* out) { *out << row.name; }

class HttpParseTest : public HttpApiTest, public ::testing::WithParamInterface<ParseCase> {};

TEST_P(HttpParseTest, ServiceReceivesRequestTokenAndAddress) {
    const auto& row = GetParam();
    send(make_request(row.method, row.target, row.body));
    ASSERT_EQ(service_.calls, 1);
    EXPECT_EQ(std::visit(Describe{}, *service_.request_seen), row.request);
    EXPECT_EQ(service_.caller_seen->token, std::optional<std::string>("tok-1"));
    EXPECT_EQ(service_.caller_seen->address, peer_address);
}

INSTANTIATE_TEST_SUITE_P(Routes, HttpParseTest, ::testing::ValuesIn(parse_cases),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- each answer renders the right status and body --------------------------------------

core::User sample_user() {
    core::User user;
    user.id = 7;
    user.username = "alice";
    user.display_name = "Alice";
    user.first_name = "Al";
    user.last_name = "Ice";
    user.role = core::Role::admin;
    user.online = true;
    return user;
}

constexpr const char* sample_user_json =
    R"({"id":7,"username":"alice","display_name":"Alice","first_name":"Al","last_name":"Ice",
        "avatar_url":null,"role":"admin","online":true})";

std::string with_user(const char* before, const char* after) {
    return std::string(before) + sample_user_json + after;
}

struct RenderCase {
    const char* name;
    const char* method;
    const char* target;
    const char* body;
    core::Response answer;
    int status;
    std::string json;  // empty: no body
};

core::Message sample_message() {
    return core::Message{5,
                         "general",
                         7,
                         std::nullopt,
                         "hi",
                         1700000000000,
                         {core::Attachment{3, "a.png", 12, "image/png", "/files/3"}}};
}

const RenderCase render_cases[] = {
    {"register", "POST", "/api/v1/register", R"({"username":"alice","password":"pw"})",
     reply::SignedIn{"tok-9", sample_user()}, 201, with_user(R"({"token":"tok-9","user":)", "}")},
    {"login", "POST", "/api/v1/login", R"({"username":"alice","password":"pw"})",
     reply::SignedIn{"tok-9", sample_user()}, 200, with_user(R"({"token":"tok-9","user":)", "}")},
    {"logout", "POST", "/api/v1/logout", "", reply::Nothing{}, 204, ""},
    {"get_me", "GET", "/api/v1/me", "", reply::OneUser{sample_user()}, 200,
     with_user(R"({"user":)", "}")},
    {"update_me", "PATCH", "/api/v1/me", "{}", reply::OneUser{sample_user()}, 200,
     with_user(R"({"user":)", "}")},
    {"change_password", "POST", "/api/v1/me/password", R"({"old_password":"a","new_password":"b"})",
     reply::Nothing{}, 204, ""},
    {"delete_me", "DELETE", "/api/v1/me", R"({"password":"a"})", reply::Nothing{}, 204, ""},
    {"get_user", "GET", "/api/v1/users/7", "", reply::OneUser{sample_user()}, 200,
     with_user(R"({"user":)", "}")},
    {"list_users", "GET", "/api/v1/users?online=true", "", reply::Users{{sample_user()}}, 200,
     with_user(R"({"users":[)", "]}")},
    {"list_users_empty", "GET", "/api/v1/users", "", reply::Users{}, 200, R"({"users":[]})"},
    {"list_rooms", "GET", "/api/v1/rooms", "",
     reply::Rooms{{core::RoomSummary{{"general", "Chat"}, 3}}}, 200,
     R"({"rooms":[{"name":"general","topic":"Chat","topic_by":"","topic_at":0,"topic_locked":true,)"
     R"("moderated":false,"secret":false,"invite_only":false,"limit":0,"members":3}]})"},
    {"messages", "GET", "/api/v1/rooms/general/messages", "", reply::Messages{{sample_message()}},
     200,
     R"({"messages":[{"id":5,"room":"general","from":7,"to":null,"text":"hi",
         "ts":1700000000000,"attachments":[{"id":3,"name":"a.png","size":12,
         "content_type":"image/png","url":"/files/3"}]}]})"},
    {"wrong_reply_kind_is_internal", "GET", "/api/v1/me", "", reply::Nothing{}, 500,
     R"({"error":{"code":"internal","message":"The server produced an unexpected answer."}})"},
};

void PrintTo(const RenderCase& row, std::ostream* out) { *out << row.name; }

class HttpRenderTest : public HttpApiTest, public ::testing::WithParamInterface<RenderCase> {};

TEST_P(HttpRenderTest, StatusAndBody) {
    const auto& row = GetParam();
    service_.answer = row.answer;
    auto response = send(make_request(row.method, row.target, row.body));
    EXPECT_EQ(service_.calls, 1);
    EXPECT_EQ(response.status, row.status);
    if (row.json.empty()) {
        EXPECT_EQ(response.body, "");
    } else {
        EXPECT_EQ(boost::json::parse(response.body), boost::json::parse(row.json)) << response.body;
    }
}

INSTANTIATE_TEST_SUITE_P(Routes, HttpRenderTest, ::testing::ValuesIn(render_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpApiTest, HealthNeedsNoServiceNorToken) {
    auto response = send(make_request("GET", "/health", "", std::nullopt));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(boost::json::parse(response.body), boost::json::parse(R"({"status":"ok"})"));
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(service_.calls, 0);
}

// ---- every error code maps to its status -----------------------------------------------

struct ErrcCase {
    Errc code;
    int status;
};

const ErrcCase errc_cases[] = {
    {Errc::bad_request, 400},
    {Errc::unknown_command, 400},
    {Errc::unauthorized, 401},
    {Errc::forbidden, 403},
    {Errc::not_found, 404},
    {Errc::invalid_username, 400},
    {Errc::invalid_password, 400},
    {Errc::invalid_field, 400},
    {Errc::empty_field, 400},
    {Errc::username_taken, 409},
    {Errc::invalid_credentials, 401},
    {Errc::banned, 403},
    {Errc::rate_limited, 429},
    {Errc::invalid_room, 400},
    {Errc::invalid_text, 400},
    {Errc::not_member, 403},
    {Errc::blocked, 403},
    {Errc::too_large, 413},
    {Errc::unsupported_image, 415},
    {Errc::room_full, 403},
    {Errc::wrong_key, 403},
    {Errc::moderated, 403},
    {Errc::invite_only, 403},
    {Errc::bad_attachment, 400},
    {Errc::quota_exceeded, 413},
    {Errc::internal, 500},
};

void PrintTo(const ErrcCase& row, std::ostream* out) { *out << core::code_name(row.code); }

class HttpErrcTest : public HttpApiTest, public ::testing::WithParamInterface<ErrcCase> {};

TEST_P(HttpErrcTest, ServiceErrorBecomesStatusAndErrorBody) {
    service_.answer = core::Error{GetParam().code, "A sentence."};
    auto response = send(make_request("GET", "/api/v1/me"));
    EXPECT_EQ(response.status, GetParam().status);
    EXPECT_EQ(
        boost::json::parse(response.body),
        boost::json::parse(R"({"error":{"code":")" + std::string(core::code_name(GetParam().code)) +
                           R"(","message":"A sentence."}})"));
}

INSTANTIATE_TEST_SUITE_P(AllCodes, HttpErrcTest, ::testing::ValuesIn(errc_cases),
                         [](const auto& info) {
                             return std::string(core::code_name(info.param.code));
                         });

TEST(HttpErrcTable, CoversEveryCode) {
    EXPECT_EQ(std::size(errc_cases), static_cast<std::size_t>(Errc::internal) + 1);
}

}  // namespace
}  // namespace parley::http
