#include "net/line_server.hpp"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>

#include "line_fixture.hpp"

namespace parley::net::testing {
namespace {

using namespace std::chrono_literals;

LineServerOptions no_register_timeout() {
    LineServerOptions options;
    options.register_timeout = 0ms;
    return options;
}

ConnId only_connection(FakeLines& lines) {
    auto opened = lines.wait_opened(1);
    if (opened.size() != 1) throw std::runtime_error("expected one connection");
    return opened[0];
}

TEST(LineServer, LinesReachTheHandlerWithoutTheirLineBreaks) {
    LineServerFixture fixture;
    LineClient client(fixture.address());
    client.write("PING a\r\nNICK b\nUSER c\r\n");  // several in one segment
    client.write("\r\n\n\r\n");                    // empty lines
    client.write("PRIV");                          // one line over three segments
    std::this_thread::sleep_for(50ms);
    client.write("MSG x\r");
    std::this_thread::sleep_for(50ms);
    client.write("\n");
    client.write("last\r\n");
    for (const char* echo :
         {"PING a\r\n", "NICK b\r\n", "USER c\r\n", "PRIVMSG x\r\n", "last\r\n"}) {
        EXPECT_EQ(client.read_line(), echo);
    }
    ConnId id = only_connection(fixture.lines);
    EXPECT_EQ(fixture.lines.events(id),
              (std::vector<std::string>{"line PING a", "line NICK b", "line USER c",
                                        "line PRIVMSG x", "line last"}));
    EXPECT_EQ(fixture.lines.last_peer(), "127.0.0.1");
}

TEST(LineServer, ABurstOfFramesArrivesInOrderInFewWrites) {
    LineServerFixture fixture;
    LineClient client(fixture.address());
    client.write("hello\r\n");
    EXPECT_EQ(client.read_line(), "hello\r\n");
    WriteStats before = fixture.server->stats();
    client.write("burst 1000\r\n");
    for (int i = 0; i < 1000; ++i) {
        auto line = client.read_line();
        ASSERT_EQ(line, "burst " + std::to_string(i) + "\r\n");
    }
    // The server counts a write once the call returns, which may be just after
    // the client has read it.
    WriteStats after = fixture.server->stats();
    for (int wait = 0; wait < 100 && after.frames - before.frames < 1000u; ++wait) {
        std::this_thread::sleep_for(10ms);
        after = fixture.server->stats();
    }
    EXPECT_EQ(after.frames - before.frames, 1000u);
    // 64 frames per write at most: 16 writes when the queue is full at once.
    EXPECT_LT(after.writes - before.writes, 100u);
}

TEST(LineServer, ConnectionsAreSpreadOverTheShardsAndRegistered) {
    LineServerFixture fixture;
    LineClient first(fixture.address());
    LineClient second(fixture.address());
    auto opened = fixture.lines.wait_opened(2);
    ASSERT_EQ(opened.size(), 2u);
    EXPECT_NE(Shards::shard_of(opened[0]), Shards::shard_of(opened[1]));
    for (LineClient* client : {&first, &second}) {
        client->write("find\r\n");
        EXPECT_EQ(client->read_line(), "found\r\n");
    }
    EXPECT_TRUE(fixture.lines.registry_consistent());
}

TEST(LineServer, SendFromAnotherThreadIsCarriedToTheShard) {
    LineServerFixture fixture;
    LineClient client(fixture.address());
    auto connection = fixture.lines.connection(only_connection(fixture.lines));
    ASSERT_NE(connection, nullptr);
    connection->send(make_frame("from the test thread\r\n"));
    EXPECT_EQ(client.read_line(), "from the test thread\r\n");
}

TEST(LineServer, AnOverLongLineIsReportedOnceAndTheNextLineGoesThrough) {
    LineServerOptions options;
    options.max_line = 16;
    LineServerFixture fixture(options);
    LineClient client(fixture.address());
    std::string at_cap(16, 'a');
    client.write(at_cap + "\r\n");
    EXPECT_EQ(client.read_line(), at_cap + "\r\n");
    client.write(std::string(16, 'b') + "\r");  // the cap, its "\r\n" split
    std::this_thread::sleep_for(50ms);
    client.write("\n");
    EXPECT_EQ(client.read_line(), std::string(16, 'b') + "\r\n");
    client.write(std::string(17, 'c') + "\r\n");
    EXPECT_EQ(client.read_line(), "too long\r\n");
    client.write(std::string(40, 'd'));  // reported before its end arrives
    EXPECT_EQ(client.read_line(), "too long\r\n");
    client.write(std::string(10000, 'd'));
    client.write(std::string(100, 'd') + "\nafter\r\n");
    EXPECT_EQ(client.read_line(), "after\r\n");
    EXPECT_EQ(fixture.lines.events(only_connection(fixture.lines)),
              (std::vector<std::string>{"line " + at_cap, "line " + std::string(16, 'b'),
                                        "too long", "too long", "line after"}));
}

TEST(LineServer, NoRegistrationInTimeSendsTheLineThenCloses) {
    LineServerOptions options;
    options.register_timeout = 200ms;
    options.register_timeout_line = "ERROR :Closing link (registration timed out)\r\n";
    LineServerFixture fixture(options);
    LineClient client(fixture.address());
    EXPECT_EQ(client.read_line(), options.register_timeout_line);
    EXPECT_EQ(client.read_line(), std::nullopt);
    EXPECT_TRUE(fixture.lines.wait_closed(only_connection(fixture.lines)));
}

TEST(LineServer, SetAuthenticatedStopsTheRegistrationTimer) {
    LineServerOptions options;
    options.register_timeout = 200ms;
    options.register_timeout_line = "too late\r\n";
    LineServerFixture fixture(options);
    LineClient client(fixture.address());
    client.write("auth\r\n");
    EXPECT_EQ(client.read_line(), "authenticated\r\n");
    std::this_thread::sleep_for(500ms);  // well past the timeout
    client.write("still here\r\n");
    EXPECT_EQ(client.read_line(), "still here\r\n");
}

TEST(LineServer, ASilentPeerIsClosedAfterTheIdleTimeout) {
    LineServerOptions options = no_register_timeout();
    options.idle_timeout = 300ms;
    LineServerFixture fixture(options);
    LineClient client(fixture.address());
    for (int i = 0; i < 4; ++i) {  // talking keeps it open
        std::this_thread::sleep_for(150ms);
        client.write("ping\r\n");
        EXPECT_EQ(client.read_line(), "ping\r\n");
    }
    EXPECT_EQ(client.read_line(), std::nullopt);
    EXPECT_TRUE(fixture.lines.wait_closed(only_connection(fixture.lines)));
}

TEST(LineServer, CloseWritesTheQueuedLinesFirst) {
    LineServerFixture fixture(no_register_timeout());
    LineClient client(fixture.address());
    client.write("quit\r\n");
    EXPECT_EQ(client.read_line(), "one\r\n");
    EXPECT_EQ(client.read_line(), "two\r\n");
    EXPECT_EQ(client.read_line(), "three\r\n");
    EXPECT_EQ(client.read_line(), std::nullopt);
    ConnId id = only_connection(fixture.lines);
    EXPECT_TRUE(fixture.lines.wait_closed(id));
    EXPECT_EQ(fixture.lines.close_count(id), 1);
}

TEST(LineServer, APeerClosingEndsTheSessionOnce) {
    LineServerFixture fixture(no_register_timeout());
    ConnId id = 0;
    {
        LineClient client(fixture.address());
        id = only_connection(fixture.lines);
        client.write("unfinished");
    }
    EXPECT_TRUE(fixture.lines.wait_closed(id));
    std::this_thread::sleep_for(50ms);  // a second on_close would come right after the first
    EXPECT_EQ(fixture.lines.close_count(id), 1);
    EXPECT_TRUE(fixture.lines.events(id).empty());
    EXPECT_TRUE(fixture.lines.registry_consistent());
}

TEST(LineServer, AReaderThatStopsReadingIsDropped) {
    LineServerOptions options = no_register_timeout();
    options.queue_cap = 64 * 1024;
    LineServerFixture fixture(options);
    LineClient client(fixture.address(), {.receive_buffer_bytes = 4096});
    ConnId id = only_connection(fixture.lines);
    client.write("flood\r\n");  // and never read again
    EXPECT_TRUE(fixture.lines.wait_closed(id, 15s));
    EXPECT_EQ(fixture.lines.close_count(id), 1);
    EXPECT_TRUE(fixture.logged("event=irc_dropped reason=too_slow conn=" + std::to_string(id)));
}

TEST(LineServer, ConnectionsPerAddressAreCapped) {
    LineServerOptions options;
    options.max_connections_per_address = 1;
    LineServerFixture fixture(options);
    {
        LineClient first(fixture.address());
        first.write("hello\r\n");
        EXPECT_EQ(first.read_line(), "hello\r\n");
        LineClient second(fixture.address());
        EXPECT_TRUE(second.closed_by_server());
        EXPECT_TRUE(fixture.logged("event=connection_refused reason=too_many_connections"));
    }
    // The first one's slot comes back once the server has seen it close.
    bool served = false;
    for (int attempt = 0; attempt < 50 && !served; ++attempt) {
        try {
            LineClient again(fixture.address());
            again.write("hello\r\n");
            served = again.read_line(1s) == "hello\r\n";
        } catch (const std::exception&) {  // refused: reset before the write
        }
        if (!served) std::this_thread::sleep_for(50ms);
    }
    EXPECT_TRUE(served);
}

TEST(LineServer, StopWritesWhatIsQueuedThenClosesEverySession) {
    LineServerFixture fixture(no_register_timeout());
    LineClient first(fixture.address());
    LineClient second(fixture.address());
    auto opened = fixture.lines.wait_opened(2);
    ASSERT_EQ(opened.size(), 2u);
    first.write("burst 1000\r\n");
    EXPECT_EQ(first.read_line(), "burst 0\r\n");
    auto stopped = std::async(std::launch::async, [&] { fixture.server->stop(); });
    for (int i = 1; i < 1000; ++i)
        ASSERT_EQ(first.read_line(), "burst " + std::to_string(i) + "\r\n");
    EXPECT_EQ(first.read_line(), std::nullopt);
    EXPECT_EQ(second.read_line(), std::nullopt);
    EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(fixture.lines.wait_closed(opened[0]));
    EXPECT_TRUE(fixture.lines.wait_closed(opened[1]));
    EXPECT_THROW(LineClient late(fixture.address()), std::exception);
}

TEST(LineServer, ListeningOnABusyPortThrows) {
    LineServerFixture fixture;
    std::string address = fixture.address();
    LineServerOptions options;
    options.port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    FakeLines lines(fixture.shards);
    try {
        LineServer second(fixture.shards, lines, options);
        FAIL() << "a second server listened on " << address;
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()).rfind("cannot listen on " + address + ": ", 0), 0u)
            << error.what();
    }
}

}  // namespace
}  // namespace parley::net::testing
