// What net's own code needs from Shards beyond the public interface.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstddef>

#include "net/shards.hpp"

namespace parley::net::detail {

inline constexpr int shard_id_shift = 48;

struct ShardAccess {
    static boost::asio::io_context& context(Shards& shards, std::size_t shard);
    // shard << 48 | counter, the counter starting at 1.
    static ConnId next_id(Shards& shards, std::size_t shard);
    // Registry of open connections, keyed by id(); call on the connection's shard.
    static void add(Shards& shards, Connection& connection);
    static void remove(Shards& shards, ConnId id);
    // Tasks posted with Shards::post that have not run yet (deliveries, answers).
    static std::size_t queued_tasks(Shards& shards, std::size_t shard);
    // True between start() and stop().
    static bool running(const Shards& shards);
    static bool in_shard_thread(const Shards& shards);
};

}  // namespace parley::net::detail
