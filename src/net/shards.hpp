#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "core/model.hpp"
#include "net/connection.hpp"

namespace parley::net {

namespace detail {
struct ShardAccess;
}

// One io_context per thread. A connection lives on the shard that accepted it,
// and its id carries that shard's index so effects can be routed to it.
class Shards {
public:
    explicit Shards(std::size_t count);  // count >= 1
    ~Shards();                           // stop() + join()
    Shards(const Shards&) = delete;
    Shards& operator=(const Shards&) = delete;

    std::size_t size() const;
    void start();  // one thread per shard, each running its io_context
    void stop();   // stops every io_context; idempotent
    void join();

    // Thread-safe; tasks posted to one shard run in the order they were posted.
    void post(std::size_t shard, std::function<void()> task);
    // Posts made on the calling thread from now on are held, and sent by
    // send_held(): one wake-up of a shard then carries all that the thread
    // posted to it in a round of its work, in order. For the Hub's thread,
    // whose every task may post to every shard; call before start().
    void hold_posts_of_this_thread();
    // On the holding thread: sends what it holds, one task per shard.
    void send_held();
    // Runs the task on the shard after `delay` (unless the shard stops first).
    void post_after(std::size_t shard, std::chrono::milliseconds delay,
                    std::function<void()> task);

    // The shard index lives in the high 16 bits of a connection id.
    static std::size_t shard_of(ConnId id);

    // The open connection with this id, or nullptr. Call only on the thread of
    // shard_of(id).
    Connection* find(ConnId id);

private:
    friend struct detail::ShardAccess;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley::net
