// What the HTTP routes refuse before the service hears of it (unknown paths,
// wrong methods, malformed input, missing tokens), the headers every response
// carries, and answers that arrive on another thread.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "http/api.hpp"
#include "http/caller.hpp"
#include "http_test_support.hpp"

namespace parley::http {
namespace {

using namespace test_support;  // NOLINT: the shared fake and helpers of these tests

struct RefusalCase {
    const char* name;
    const char* method;
    const char* target;
    const char* body;
    int status;
    const char* code;
};

const RefusalCase refusal_cases[] = {
    // Nothing at this path.
    {"unknown_path", "GET", "/api/v1/nope", "", 404, "not_found"},
    {"unknown_below_room", "GET", "/api/v1/rooms/general/nothing", "", 404, "not_found"},
    {"unknown_below_me", "GET", "/api/v1/me/nothing", "", 404, "not_found"},
    {"web_client_not_here", "GET", "/", "", 404, "not_found"},
    {"trailing_slash", "GET", "/api/v1/me/", "", 404, "not_found"},
    {"empty_room_name", "GET", "/api/v1/rooms//messages", "", 404, "not_found"},
    {"user_id_zero", "GET", "/api/v1/users/0", "", 404, "not_found"},
    {"user_id_negative", "GET", "/api/v1/users/-1", "", 404, "not_found"},
    {"user_id_plus", "GET", "/api/v1/users/+1", "", 404, "not_found"},
    {"user_id_word", "GET", "/api/v1/users/abc", "", 404, "not_found"},
    {"user_id_fraction", "GET", "/api/v1/users/1.5", "", 404, "not_found"},
    {"user_id_overflow", "GET", "/api/v1/users/99999999999999999999", "", 404, "not_found"},
    // The path exists, the method doesn't.
    {"put_me", "PUT", "/api/v1/me", "", 405, "method_not_allowed"},
    {"get_register", "GET", "/api/v1/register", "", 405, "method_not_allowed"},
    {"post_health", "POST", "/health", "", 405, "method_not_allowed"},
    // Malformed bodies.
    {"register_not_json", "POST", "/api/v1/register", "{not json", 400, "bad_request"},
    {"register_truncated", "POST", "/api/v1/register", R"({"username": "abc", )", 400,
     "bad_request"},
    {"register_bad_utf8", "POST", "/api/v1/register", "\xff\xfe", 400, "bad_request"},
    {"register_empty_body", "POST", "/api/v1/register", "", 400, "bad_request"},
    {"register_array", "POST", "/api/v1/register", "[1]", 400, "bad_request"},
    {"login_nested_arrays", "POST", "/api/v1/login", "[[[", 400, "bad_request"},
    {"patch_not_json", "PATCH", "/api/v1/me", "{x", 400, "bad_request"},
    {"patch_empty_body", "PATCH", "/api/v1/me", "", 400, "bad_request"},
    {"password_empty_body", "POST", "/api/v1/me/password", "", 400, "bad_request"},
    {"delete_empty_body", "DELETE", "/api/v1/me", "", 400, "bad_request"},
    // Fields of the wrong type or missing.
    {"username_number", "POST", "/api/v1/register", R"({"username":5,"password":"p"})", 400,
     "bad_request"},
    {"password_number", "POST", "/api/v1/register", R"({"username":"a","password":12345678})", 400,
     "bad_request"},
    {"display_name_object", "POST", "/api/v1/register",
     R"({"username":"a","password":"p","display_name":{"a":1}})", 400, "bad_request"},
    {"first_name_bool", "POST", "/api/v1/register",
     R"({"username":"a","password":"p","first_name":true})", 400, "bad_request"},
    {"last_name_array", "PATCH", "/api/v1/me", R"({"last_name":["x"]})", 400, "bad_request"},
    {"login_no_password", "POST", "/api/v1/login", R"({"username":"abcdef"})", 400, "empty_field"},
    {"login_nothing", "POST", "/api/v1/login", "{}", 400, "empty_field"},
    {"no_new_password", "POST", "/api/v1/me/password", R"({"old_password":"x"})", 400,
     "empty_field"},
    {"delete_password_number", "DELETE", "/api/v1/me", R"({"password":1})", 400, "bad_request"},
    // Query values and targets.
    {"before_word", "GET", "/api/v1/rooms/general/messages?before=abc", "", 400, "bad_request"},
    {"limit_word", "GET", "/api/v1/rooms/general/messages?limit=ten", "", 400, "bad_request"},
    {"limit_empty", "GET", "/api/v1/rooms/general/messages?limit=", "", 400, "bad_request"},
    {"limit_plus", "GET", "/api/v1/rooms/general/messages?limit=%2B5", "", 400, "bad_request"},
    {"before_fraction", "GET", "/api/v1/rooms/general/messages?before=1.5", "", 400, "bad_request"},
    {"online_maybe", "GET", "/api/v1/users?online=maybe", "", 400, "bad_request"},
    {"bad_percent_escape", "GET", "/api/v1/rooms/%zz/messages", "", 400, "bad_request"},
    {"not_origin_form", "GET", "*", "", 400, "bad_request"},
};

// gtest prints a case by its name instead of its bytes.
void PrintTo(const RefusalCase& row, std::ostream* out) { *out << row.name; }

class HttpRefusalTest : public HttpApiTest, public ::testing::WithParamInterface<RefusalCase> {};

TEST_P(HttpRefusalTest, AnsweredWithoutTheService) {
    const auto& row = GetParam();
    auto response = send(make_request(row.method, row.target, row.body));
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(error_code(response), row.code);
    EXPECT_EQ(service_.calls, 0);
}

INSTANTIATE_TEST_SUITE_P(Input, HttpRefusalTest, ::testing::ValuesIn(refusal_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpApiTest, WrongMethodListsAllowedMethods) {
    EXPECT_EQ(header(send(make_request("PUT", "/api/v1/me")), "Allow"), "GET, PATCH, DELETE");
    EXPECT_EQ(header(send(make_request("GET", "/api/v1/logout")), "Allow"), "POST");
    EXPECT_EQ(header(send(make_request("GET", "/api/v1/nope")), "Allow"), "<absent>");
}

// ---- the bearer token ------------------------------------------------------------------

struct TokenCase {
    const char* authorization;
    std::optional<std::string> token;
};

TEST(HttpBearerToken, ReadsOnlyBearerTokens) {
    const TokenCase cases[] = {
        {"Bearer abc", "abc"},      {"bearer abc", "abc"},
        {"BEARER  abc ", "abc"},    {"Bearer\tabc", "abc"},
        {"Basic dXNlcjpwYXNz", {}}, {"Bearer", {}},
        {"Bearer   ", {}},          {"", {}},
        {"Bearerabc", {}},          {"Token abc", {}},
    };
    for (const auto& row : cases) {
        EXPECT_EQ(bearer_token(row.authorization), row.token) << row.authorization;
    }
}

TEST_F(HttpApiTest, NoTokenOnSessionRouteIs401WithoutService) {
    for (const char* authorization : {"", "Basic dXNlcjpwYXNz", "Bearer "}) {
        auto response = send(make_request("GET", "/api/v1/me", "", authorization));
        EXPECT_EQ(response.status, 401) << authorization;
        EXPECT_EQ(error_code(response), "unauthorized");
        EXPECT_EQ(header(response, "WWW-Authenticate"), "Bearer");
    }
    EXPECT_EQ(service_.calls, 0);
}

TEST_F(HttpApiTest, UnknownTokenIsTheServicesCall) {
    service_.answer = core::Error{core::Errc::unauthorized};
    auto response = send(make_request("POST", "/api/v1/logout", "", "Bearer not-a-real-token"));
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(service_.caller_seen->token, std::optional<std::string>("not-a-real-token"));
}

TEST_F(HttpApiTest, RegisterAndLoginNeedNoToken) {
    service_.answer = core::Response{core::reply::SignedIn{"t", {}}};
    const char* body = R"({"username":"alice","password":"secret123"})";
    EXPECT_EQ(send(make_request("POST", "/api/v1/register", body, std::nullopt)).status, 201);
    EXPECT_EQ(service_.caller_seen->token, std::nullopt);
    EXPECT_EQ(send(make_request("POST", "/api/v1/login", body, std::nullopt)).status, 200);
    EXPECT_EQ(service_.calls, 2);
}

// ---- body limits -----------------------------------------------------------------------

TEST_F(HttpApiTest, BodyLimitIsTheJsonLimitForEveryRoute) {
    EXPECT_EQ(api_.body_limit(make_request("POST", "/api/v1/register")), 64u * 1024);
    EXPECT_EQ(api_.body_limit(make_request("PUT", "/anything")), 64u * 1024);
    FakeService service;
    Api small{service, ApiOptions{1024}};
    EXPECT_EQ(small.body_limit(make_request("PATCH", "/api/v1/me")), 1024u);
}

TEST_F(HttpApiTest, BodyOverTheLimitIs413) {
    std::string body = R"({"display_name":")" + std::string(64 * 1024, 'x') + R"("})";
    auto response = send(make_request("PATCH", "/api/v1/me", body));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(error_code(response), "too_large");
    EXPECT_EQ(service_.calls, 0);
}

// ---- headers on every response ---------------------------------------------------------

TEST_F(HttpApiTest, EveryResponseCarriesSecurityHeaders) {
    service_.answer = core::Response{core::reply::OneUser{}};
    const net::HttpRequest requests[] = {
        make_request("GET", "/health"),
        make_request("GET", "/api/v1/me"),
        make_request("POST", "/api/v1/logout"),  // a reply of the wrong kind: 500
        make_request("GET", "/api/v1/me", "", std::nullopt),
        make_request("GET", "/nowhere"),
        make_request("PUT", "/api/v1/me"),
        make_request("POST", "/api/v1/login", "{"),
    };
    for (const auto& request : requests) {
        auto response = send(request);
        SCOPED_TRACE(request.method + " " + request.target);
        EXPECT_EQ(header(response, "X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(header(response, "Content-Security-Policy"),
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: "
                  "blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                  "form-action 'self'");
        EXPECT_EQ(header(response, "Referrer-Policy"), "no-referrer");
        EXPECT_EQ(header(response, "X-Frame-Options"), "DENY");
        EXPECT_EQ(header(response, "Cache-Control"), "no-store");
        EXPECT_EQ(response.content_type, "application/json");
    }
}

// ---- answers from another thread -------------------------------------------------------

TEST_F(HttpApiTest, RespondsOnceWhenTheServiceAnswersLater) {
    service_.deferred = true;
    int responses = 0;
    net::HttpResponse out;
    api_.handle(make_request("GET", "/api/v1/users/9"), [&](net::HttpResponse response) {
        ++responses;
        out = std::move(response);
    });
    EXPECT_EQ(responses, 0);
    std::thread service_thread{[&] { service_.pending(core::Error{core::Errc::not_found}); }};
    service_thread.join();
    EXPECT_EQ(responses, 1);
    EXPECT_EQ(out.status, 404);
    EXPECT_EQ(error_code(out), "not_found");
}

}  // namespace
}  // namespace parley::http
