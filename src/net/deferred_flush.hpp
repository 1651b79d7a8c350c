// Gathers a shard's writes: internal to net.
#pragma once

#include <cstddef>
#include <memory>

#include "net/shards.hpp"

namespace parley::net::detail {

// A connection that queues outgoing bytes and writes them when asked.
class Flushable {
public:
    virtual void flush() = 0;

protected:
    ~Flushable() = default;
};

// Asks for `connection` to be flushed on this shard once the tasks queued there
// have run. A fan-out posts one task that queues a line on every member;
// flushing afterwards, not per line, lets one system call carry every line a
// connection got meanwhile (the end of an event loop round, as mature IRC
// servers write). Tasks posted while a flush waits are let through too, a
// bounded number of times, so a steady stream cannot hold writes back. Call on
// the shard's thread, at most once per connection until its flush() runs.
void defer_flush(Shards& shards, std::size_t shard, std::shared_ptr<Flushable> connection);

}  // namespace parley::net::detail
