#include "net/deferred_flush.hpp"

#include <boost/asio/post.hpp>

#include "net/shard_internals.hpp"
#include <utility>
#include <vector>

namespace parley::net::detail {

namespace {

// How often a flush lets newly posted tasks go first.
constexpr int max_deferrals = 8;

// One per shard thread: a shard's connections are only touched on its thread.
struct PendingFlushes {
    std::vector<std::shared_ptr<Flushable>> connections;
    std::vector<std::shared_ptr<Flushable>> flushing;  // kept to reuse its capacity
    bool posted = false;
    int deferrals = 0;
};

thread_local PendingFlushes pending;

void flush_pending(Shards& shards, std::size_t shard) {
    if (ShardAccess::queued_tasks(shards, shard) > 0 && pending.deferrals < max_deferrals) {
        ++pending.deferrals;
        boost::asio::post(ShardAccess::context(shards, shard),
                          [&shards, shard] { flush_pending(shards, shard); });
        return;
    }
    pending.deferrals = 0;
    pending.posted = false;
    std::swap(pending.connections, pending.flushing);
    // A flush may ask again (a connection with more than one write's worth):
    // that lands in the other vector and in a task of its own.
    for (auto& connection : pending.flushing) connection->flush();
    pending.flushing.clear();
}

}  // namespace

void defer_flush(Shards& shards, std::size_t shard, std::shared_ptr<Flushable> connection) {
    pending.connections.push_back(std::move(connection));
    if (pending.posted) return;
    pending.posted = true;
    boost::asio::post(ShardAccess::context(shards, shard),
                      [&shards, shard] { flush_pending(shards, shard); });
}

}  // namespace parley::net::detail
