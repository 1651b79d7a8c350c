#include "net/shards.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "net/shard_internals.hpp"

namespace parley::net {
namespace {

using namespace std::chrono_literals;

TEST(Shards, ShardIndexLivesInTheHighBits) {
    EXPECT_EQ(Shards::shard_of(ConnId{1}), 0u);
    EXPECT_EQ(Shards::shard_of((ConnId{3} << 48) | 42), 3u);
    EXPECT_EQ(Shards::shard_of(~ConnId{0}), 0xFFFFu);
}

TEST(Shards, IdsCarryTheShardAndCountFromOne) {
    Shards shards(2);
    ConnId first = detail::ShardAccess::next_id(shards, 1);
    ConnId second = detail::ShardAccess::next_id(shards, 1);
    EXPECT_EQ(first, (ConnId{1} << 48) | 1);
    EXPECT_EQ(second, (ConnId{1} << 48) | 2);
    EXPECT_EQ(detail::ShardAccess::next_id(shards, 0), ConnId{1});
    EXPECT_EQ(Shards::shard_of(first), 1u);
}

TEST(Shards, RefusesZeroShards) { EXPECT_THROW(Shards(0), std::invalid_argument); }

TEST(Shards, PostRunsTasksInOrderOnTheirShard) {
    Shards shards(2);
    shards.start();
    std::mutex mutex;
    std::vector<int> order;
    std::vector<std::thread::id> threads(2);
    std::promise<void> done;
    for (int i = 0; i < 100; ++i) {
        shards.post(1, [&, i] {
            std::lock_guard lock(mutex);
            order.push_back(i);
            threads[1] = std::this_thread::get_id();
        });
    }
    shards.post(0, [&] { threads[0] = std::this_thread::get_id(); });
    shards.post(1, [&] { done.set_value(); });
    ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
    std::lock_guard lock(mutex);
    ASSERT_EQ(order.size(), 100u);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
    EXPECT_NE(threads[1], std::this_thread::get_id());
    shards.stop();
    shards.join();
    EXPECT_NE(threads[0], threads[1]);
}

TEST(Shards, StopIsIdempotentAndATaskThatThrowsDoesNotKillTheShard) {
    Shards shards(1);
    shards.start();
    std::promise<void> done;
    shards.post(0, [] { throw std::runtime_error("boom"); });
    shards.post(0, [&] { done.set_value(); });
    EXPECT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
    shards.stop();
    shards.stop();
    shards.join();
}

class NullConnection final : public Connection {
public:
    explicit NullConnection(ConnId id) : id_(id) {}
    ConnId id() const override { return id_; }
    void send(Frame) override {}
    void close(int, std::string) override {}
    void set_authenticated() override {}

private:
    ConnId id_;
};

TEST(Shards, RegistryFindsOpenConnections) {
    Shards shards(2);
    NullConnection connection(detail::ShardAccess::next_id(shards, 1));
    EXPECT_EQ(shards.find(connection.id()), nullptr);
    detail::ShardAccess::add(shards, connection);
    EXPECT_EQ(shards.find(connection.id()), &connection);
    detail::ShardAccess::remove(shards, connection.id());
    EXPECT_EQ(shards.find(connection.id()), nullptr);
    EXPECT_EQ(shards.find(ConnId{9} << 48), nullptr);  // no such shard
}

}  // namespace
}  // namespace parley::net
