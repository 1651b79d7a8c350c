#include <gtest/gtest.h>

#include <future>
#include <string>

#include "server_fixture.hpp"

namespace parley::net::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view too_large_json =
    R"({"error":{"code":"too_large","message":"The request body is too large."}})";

TEST(HttpServer, RequestReachesTheHandlerAndKeepAliveServesASecondOne) {
    ServerFixture fixture;
    HttpClient client(fixture.address());

    HttpReply first = client.request({"POST",
                                      "/api/v1/things?x=1",
                                      "hello",
                                      {{"X-Custom", "Yes"}, {"Content-Type", "text/plain"}}});
    EXPECT_EQ(first.status, 201);
    EXPECT_EQ(first.body, "POST /api/v1/things?x=1 hello");
    EXPECT_EQ(first.header("content-length"), std::to_string(first.body.size()));
    EXPECT_EQ(first.header("content-type"), "application/json");
    EXPECT_EQ(first.header("x-echo-target"), "/api/v1/things?x=1");
    EXPECT_TRUE(first.keep_alive);

    HttpReply second = client.request({"GET", "/second", "", {}});
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(second.body, "GET /second ");

    auto requests = fixture.http.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].header("x-custom"), "Yes");
    EXPECT_EQ(requests[0].header("content-type"), "text/plain");
    EXPECT_EQ(requests[0].peer.address, "127.0.0.1");
}

TEST(HttpServer, ConnectionCloseIsHonoured) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    HttpReply reply = client.request({"GET", "/", "", {{"Connection", "close"}}});
    EXPECT_EQ(reply.status, 201);
    EXPECT_FALSE(reply.keep_alive);
    EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServer, TooLargeContentLengthIsRefusedWithoutReadingTheBody) {
    ServerFixture fixture;  // the fake's body limit is 1024
    HttpClient client(fixture.address());
    client.write_raw("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 100000000\r\n\r\n" +
                     std::string(2000, 'a'));
    HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, 413);
    EXPECT_EQ(reply.body, too_large_json);
    EXPECT_FALSE(reply.keep_alive);
    EXPECT_TRUE(client.closed_by_server());
    EXPECT_TRUE(fixture.http.requests().empty());
}

TEST(HttpServer, ChunkedBodyGrowingPastTheLimitIsRefused) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    std::string chunk(800, 'b');
    client.write_raw("POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n" +
                     std::string("320\r\n") + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
    HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, 413);
    EXPECT_EQ(reply.body, too_large_json);
    EXPECT_TRUE(client.closed_by_server());
    EXPECT_TRUE(fixture.http.requests().empty());
}

TEST(HttpServer, ABodyWithinTheLimitIsRead) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    HttpReply reply = client.request({"PUT", "/files", std::string(1024, 'c'), {}});
    EXPECT_EQ(reply.status, 201);
    EXPECT_EQ(reply.body, "PUT /files " + std::string(1024, 'c'));
}

TEST(HttpServer, ExpectContinueGetsAnInterimAnswerBeforeTheBody) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    client.write_raw(
        "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 100);
    client.write_raw("hello");
    HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, 201);
    EXPECT_EQ(reply.body, "POST /upload hello");
}

TEST(HttpServer, AHandlerThatThrowsAnswers500) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    HttpReply reply = client.request({"GET", "/throw", "", {}});
    EXPECT_EQ(reply.status, 500);
    EXPECT_NE(reply.body.find(R"("code":"internal")"), std::string::npos);
    EXPECT_TRUE(fixture.logged("event=http_handler_failed"));
    EXPECT_EQ(client.request({"GET", "/after", "", {}}).status, 201);
}

TEST(HttpServer, MalformedRequestIsRefusedWith400) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    client.write_raw("G@RBAGE / HTTP/1.1\r\nHost: test\r\n\r\n");
    HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(reply.body,
              R"({"error":{"code":"bad_request","message":"The request is malformed."}})");
    EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServer, OversizedHeadersAreRefused) {
    ServerOptions options;
    options.max_header_bytes = 1024;
    ServerFixture fixture(options);
    HttpClient client(fixture.address());
    client.write_raw("GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(4000, 'h') +
                     "\r\n\r\n");
    HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, 431);
    EXPECT_NE(reply.body.find(R"("code":"too_large")"), std::string::npos);
    EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServer, ConnectionsPerAddressAreCapped) {
    ServerOptions options;
    options.max_connections_per_address = 1;
    ServerFixture fixture(options);
    {
        HttpClient first(fixture.address());
        EXPECT_EQ(first.request({"GET", "/", "", {}}).status, 201);
        HttpClient second(fixture.address());
        EXPECT_TRUE(second.closed_by_server());
        EXPECT_TRUE(fixture.logged("event=connection_refused reason=too_many_connections"));
    }
    // The first one's slot comes back once the server has seen it close.
    bool served = false;
    for (int attempt = 0; attempt < 50 && !served; ++attempt) {
        try {
            HttpClient again(fixture.address());
            served = again.request({"GET", "/", "", {}}).status == 201;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(50ms);
        }
    }
    EXPECT_TRUE(served);
}

TEST(HttpServer, StopDropsIdleKeepAliveConnections) {
    ServerFixture fixture;
    HttpClient client(fixture.address());
    EXPECT_EQ(client.request({"GET", "/", "", {}}).status, 201);
    auto stopped = std::async(std::launch::async, [&] { fixture.server->stop(); });
    EXPECT_TRUE(client.closed_by_server());
    EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
}

TEST(HttpServer, ListeningOnABusyPortThrows) {
    ServerFixture fixture;
    std::string address = fixture.address();
    ServerOptions options;
    options.port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    FakeHttp http;
    FakeWs ws(fixture.shards);
    try {
        HttpServer second(fixture.shards, http, ws, options);
        FAIL() << "a second server listened on " << address;
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()).rfind("cannot listen on " + address + ": ", 0), 0u)
            << error.what();
    }
}

}  // namespace
}  // namespace parley::net::testing
