// The outgoing side of a connection: frames queued, written several per system
// call; internal to net.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "net/deferred_flush.hpp"
#include "net/frame.hpp"
#include "net/write_stats.hpp"

namespace parley::net::detail {

// A listener's running WriteStats, counted from every shard.
struct WriteCounters {
    std::atomic<std::uint64_t> writes{0};
    std::atomic<std::uint64_t> frames{0};

    WriteStats totals() const {
        return {writes.load(std::memory_order_relaxed), frames.load(std::memory_order_relaxed)};
    }
};

enum class Flushed {
    drained,  // everything queued is written
    pending,  // a wait or a TLS write is under way; the owner is flushed again after it
    more,     // wrote its share of this round; flush again in the next one
    failed,   // the connection is broken
};

// Frames queued for one connection, oldest first. Each may carry a short prefix
// of its own (a WebSocket frame header) in front of the shared bytes, so one
// encoding of an event serves every recipient. A plain socket is written
// straight away with one writev of up to 64 pieces, and waited on only when it
// is full; TLS goes through its stream. Used on the connection's shard only.
class GatheredWriter {
public:
    static constexpr std::size_t max_prefix = 14;

    // Queues a frame; false (nothing queued) when it would pass `cap` bytes.
    bool push(Frame frame, std::string_view prefix, std::size_t cap);
    std::size_t queued_bytes() const { return queued_bytes_; }
    bool empty() const { return head_ == queue_.size(); }
    // A wait for the socket or a TLS write is under way.
    bool busy() const { return busy_; }
    // Asks the shard to flush `owner` (deferred_flush.hpp), unless it is asked
    // already or a wait under way will flush it anyway.
    void request_flush(Shards& shards, std::size_t shard, std::shared_ptr<Flushable> owner);
    // Drops what is queued (the connection is going); a TLS write under way
    // keeps its own frames alive.
    void clear();

    // Plain TCP (tls == nullptr): writes what the socket takes now. TLS: one
    // gathered write through the stream. `owner` is flushed again once the
    // socket has room or the write is done.
    template <class TlsStream>
    Flushed flush(boost::asio::ip::tcp::socket& socket, TlsStream* tls,
                  const std::shared_ptr<Flushable>& owner, WriteCounters& counters);

private:
    struct Entry {
        Frame frame;
        std::uint8_t prefix_size = 0;
        std::array<char, max_prefix> prefix{};
        std::size_t size() const { return prefix_size + frame->size(); }
    };
    using Buffers = std::array<boost::asio::const_buffer, 64>;

    Flushed write_plain(boost::asio::ip::tcp::socket& socket,
                        const std::shared_ptr<Flushable>& owner, WriteCounters& counters);
    // The next pieces to write, from `written_` bytes into the first entry.
    std::size_t gather(Buffers& buffers, std::size_t& bytes) const;
    void wrote(std::size_t bytes, WriteCounters& counters);
    void drained();

    // Entries not yet written start at `head_`; the first may be partly
    // written. A vector, not a deque: an empty deque still holds half a
    // kilobyte, and most connections are idle.
    std::vector<Entry> queue_;
    std::size_t head_ = 0;
    std::size_t written_ = 0;
    std::size_t queued_bytes_ = 0;
    bool busy_ = false;
    bool failed_ = false;
    bool flush_requested_ = false;
    std::shared_ptr<std::vector<Entry>> tls_writing_;  // the frames of the TLS write under way
};

template <class TlsStream>
Flushed GatheredWriter::flush(boost::asio::ip::tcp::socket& socket, TlsStream* tls,
                              const std::shared_ptr<Flushable>& owner, WriteCounters& counters) {
    flush_requested_ = false;
    if (failed_) return Flushed::failed;
    if (busy_) return Flushed::pending;
    if (empty()) {
        drained();
        return Flushed::drained;
    }
    if (tls == nullptr) return write_plain(socket, owner, counters);
    // TLS encrypts as it writes: hand it the pieces and wait.
    Buffers pieces;
    std::size_t bytes = 0;
    std::size_t count = gather(pieces, bytes);
    auto writing = std::make_shared<std::vector<Entry>>();
    std::vector<boost::asio::const_buffer> buffers(pieces.begin(), pieces.begin() + count);
    for (std::size_t taken = 0; taken < bytes; ++head_) {
        taken += queue_[head_].size();
        writing->push_back(std::move(queue_[head_]));
    }
    written_ = 0;
    tls_writing_ = writing;
    busy_ = true;
    boost::asio::async_write(
        *tls, buffers,
        [this, owner, writing, bytes, &counters](boost::system::error_code error, std::size_t) {
            counters.writes.fetch_add(1, std::memory_order_relaxed);
            counters.frames.fetch_add(writing->size(), std::memory_order_relaxed);
            if (tls_writing_ == writing) tls_writing_.reset();
            busy_ = false;
            queued_bytes_ -= std::min(queued_bytes_, bytes);
            if (error) failed_ = true;  // the owner's flush hears it
            owner->flush();
        });
    return Flushed::pending;
}

}  // namespace parley::net::detail
