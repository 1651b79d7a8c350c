#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>

#include "server_fixture.hpp"

namespace parley::net::testing {
namespace {

using namespace std::chrono_literals;

ServerOptions no_auth_timeout() {
    ServerOptions options;
    options.auth_timeout = 0ms;
    return options;
}

TEST(WebSocket, TextGoesThroughOnTextAndComesBackThroughSend) {
    ServerFixture fixture;
    WsClient client(fixture.address());
    client.send_text("hello");
    EXPECT_EQ(client.read(), "hello");
    client.send_text("find");
    EXPECT_EQ(client.read(), "found");

    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    ConnId id = opened[0];
    EXPECT_EQ(fixture.ws.last_peer(), "127.0.0.1");
    client.close();
    EXPECT_TRUE(fixture.ws.wait_closed(id));
    std::this_thread::sleep_for(50ms);  // a second on_close would come right after the first
    EXPECT_EQ(fixture.ws.close_count(id), 1);
    EXPECT_TRUE(fixture.ws.registry_consistent());
}

TEST(WebSocket, ConnectionsAreSpreadOverTheShards) {
    ServerFixture fixture;
    WsClient first(fixture.address());
    WsClient second(fixture.address());
    auto opened = fixture.ws.wait_opened(2);
    ASSERT_EQ(opened.size(), 2u);
    EXPECT_NE(Shards::shard_of(opened[0]), Shards::shard_of(opened[1]));
}

TEST(WebSocket, SendFromAnotherThreadIsCarriedToTheShard) {
    ServerFixture fixture;
    WsClient client(fixture.address());
    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    auto connection = fixture.ws.connection(opened[0]);
    ASSERT_NE(connection, nullptr);
    connection->send(make_frame("from the test thread"));
    EXPECT_EQ(client.read(), "from the test thread");
}

TEST(WebSocket, AMessageOverTheLimitClosesWith1009) {
    ServerOptions options;
    options.ws_max_frame = 1024;
    ServerFixture fixture(options);
    WsClient client(fixture.address());
    client.send_text(std::string(1024, 'k'));
    EXPECT_EQ(client.read(), std::string(1024, 'k'));
    client.send_text(std::string(4096, 'k'));
    EXPECT_EQ(client.read(), std::nullopt);
    EXPECT_EQ(client.close_code(), 1009);
    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_TRUE(fixture.ws.wait_closed(opened[0]));
}

TEST(WebSocket, BinaryFramesCloseWith1003) {
    ServerFixture fixture;
    WsClient client(fixture.address());
    client.send_binary("\x01\x02");
    EXPECT_EQ(client.read(), std::nullopt);
    EXPECT_EQ(client.close_code(), 1003);
}

TEST(WebSocket, UpgradeElsewhereIsNotFound) {
    ServerFixture fixture;
    try {
        WsClient client(fixture.address(), {.target = "/api/v1/other"});
        FAIL() << "upgrade accepted";
    } catch (const UpgradeRefused& refused) {
        EXPECT_EQ(refused.status, 404);
        EXPECT_NE(refused.body.find(R"("code":"not_found")"), std::string::npos);
    }
}

TEST(WebSocket, AForeignOriginIsForbidden) {
    ServerFixture fixture;
    try {
        WsClient client(fixture.address(), {.origin = "https://evil.example"});
        FAIL() << "upgrade accepted";
    } catch (const UpgradeRefused& refused) {
        EXPECT_EQ(refused.status, 403);
        EXPECT_NE(refused.body.find(R"({"error":{"code":"forbidden","message":")"),
                  std::string::npos);
    }
    EXPECT_TRUE(fixture.ws.wait_opened(0, 0ms).empty());
}

TEST(WebSocket, OwnAllowedAndMissingOriginsAreAccepted) {
    ServerOptions options;
    options.allowed_origins = {"https://chat.example"};
    ServerFixture fixture(options);
    for (std::optional<std::string> origin :
         {std::optional<std::string>{}, std::optional<std::string>{"http://" + fixture.address()},
          std::optional<std::string>{"https://" + fixture.address()},
          std::optional<std::string>{"https://chat.example"}}) {
        WsClient client(fixture.address(), {.origin = origin});
        client.send_text("hi");
        EXPECT_EQ(client.read(), "hi") << origin.value_or("(no origin)");
    }
}

TEST(WebSocket, NoAuthenticationInTimeSendsTheFrameThenCloses4001) {
    ServerOptions options;
    options.auth_timeout = 200ms;
    options.auth_timeout_frame = R"({"type":"error","code":"unauthorized"})";
    ServerFixture fixture(options);
    WsClient client(fixture.address());
    EXPECT_EQ(client.read(), options.auth_timeout_frame);
    EXPECT_EQ(client.read(), std::nullopt);
    EXPECT_EQ(client.close_code(), 4001);
}

TEST(WebSocket, SetAuthenticatedStopsTheTimer) {
    ServerOptions options;
    options.auth_timeout = 200ms;
    options.auth_timeout_frame = "too late";
    ServerFixture fixture(options);
    WsClient client(fixture.address());
    client.send_text("auth");
    EXPECT_EQ(client.read(), "authenticated");
    std::this_thread::sleep_for(500ms);  // well past the timeout
    client.send_text("still here");
    EXPECT_EQ(client.read(), "still here");
}

TEST(WebSocket, APeerThatAnswersNoPingIsDropped) {
    ServerOptions options = no_auth_timeout();
    options.idle_timeout = 400ms;
    ServerFixture fixture(options);
    WsClient client(fixture.address());  // never reads, so never answers a ping
    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_TRUE(fixture.ws.wait_closed(opened[0]));
}

TEST(WebSocket, CloseWritesTheQueuedFramesFirst) {
    ServerFixture fixture(no_auth_timeout());
    WsClient client(fixture.address());
    client.send_text("ban");
    EXPECT_EQ(client.read(), "one");
    EXPECT_EQ(client.read(), "two");
    EXPECT_EQ(client.read(), "three");
    EXPECT_EQ(client.read(), std::nullopt);
    EXPECT_EQ(client.close_code(), 4003);
    EXPECT_EQ(client.close_reason(), "banned");
    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_TRUE(fixture.ws.wait_closed(opened[0]));
}

TEST(WebSocket, AReaderThatStopsReadingIsDropped) {
    ServerOptions options = no_auth_timeout();
    options.ws_queue_cap = 64 * 1024;
    ServerFixture fixture(options);
    WsClient client(fixture.address(), {.receive_buffer_bytes = 4096});
    auto opened = fixture.ws.wait_opened(1);
    ASSERT_EQ(opened.size(), 1u);
    client.send_text("flood");  // and never read again
    EXPECT_TRUE(fixture.ws.wait_closed(opened[0], 15s));
    EXPECT_TRUE(fixture.logged("event=ws_dropped reason=too_slow conn="));
}

TEST(WebSocket, StopClosesEveryWebSocketWith1001) {
    ServerFixture fixture(no_auth_timeout());
    WsClient first(fixture.address());
    WsClient second(fixture.address());
    auto opened = fixture.ws.wait_opened(2);
    ASSERT_EQ(opened.size(), 2u);
    auto stopped = std::async(std::launch::async, [&] { fixture.server->stop(); });
    for (WsClient* client : {&first, &second}) {
        EXPECT_EQ(client->read(), std::nullopt);
        EXPECT_EQ(client->close_code(), 1001);
        EXPECT_EQ(client->close_reason(), "server shutting down");
    }
    EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(fixture.ws.wait_closed(opened[0]));
    EXPECT_TRUE(fixture.ws.wait_closed(opened[1]));
    EXPECT_THROW(WsClient late(fixture.address()), std::exception);
}

}  // namespace
}  // namespace parley::net::testing
