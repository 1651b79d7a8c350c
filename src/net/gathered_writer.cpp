#include "net/gathered_writer.hpp"

#include <cstring>

namespace parley::net::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::size_t max_bytes_per_write = 64 * 1024;
// A reader far behind yields to the other connections after this many writes.
constexpr int max_writes_per_turn = 8;
// A drained queue keeps room for this many entries for the next burst.
constexpr std::size_t kept_capacity = 8;
// Written entries at the front of a queue still being written are dropped in
// one go once there are this many and they are over half of it.
constexpr std::size_t compact_after = 64;

}  // namespace

bool GatheredWriter::push(Frame frame, std::string_view prefix, std::size_t cap) {
    std::size_t size = prefix.size() + frame->size();
    if (queued_bytes_ + size > cap) return false;
    Entry entry{std::move(frame)};
    entry.prefix_size = static_cast<std::uint8_t>(std::min(prefix.size(), max_prefix));
    std::memcpy(entry.prefix.data(), prefix.data(), entry.prefix_size);
    queued_bytes_ += size;
    queue_.push_back(std::move(entry));
    return true;
}

void GatheredWriter::request_flush(Shards& shards, std::size_t shard,
                                   std::shared_ptr<Flushable> owner) {
    if (flush_requested_ || busy_) return;
    flush_requested_ = true;
    defer_flush(shards, shard, std::move(owner));
}

void GatheredWriter::clear() {
    queue_ = {};
    head_ = 0;
    written_ = 0;
    queued_bytes_ = 0;
}

std::size_t GatheredWriter::gather(Buffers& buffers, std::size_t& bytes) const {
    std::size_t count = 0;
    bytes = 0;
    for (std::size_t i = head_; i < queue_.size(); ++i) {
        const Entry& entry = queue_[i];
        std::size_t pieces = entry.prefix_size > 0 ? 2 : 1;
        if (count + pieces > buffers.size()) break;
        if (count > 0 && bytes + entry.size() > max_bytes_per_write) break;
        std::size_t skip = i == head_ ? written_ : 0;  // only the first may be partly written
        if (skip < entry.prefix_size) {
            buffers[count++] = asio::buffer(entry.prefix.data() + skip, entry.prefix_size - skip);
            skip = 0;
        } else {
            skip -= entry.prefix_size;
        }
        buffers[count++] = asio::buffer(entry.frame->data() + skip, entry.frame->size() - skip);
        bytes += entry.size() - (i == head_ ? written_ : 0);
    }
    return count;
}

// Writes from the queue until it is empty or the socket is full, without
// waiting: most of the time everything goes in one call.
Flushed GatheredWriter::write_plain(asio::ip::tcp::socket& socket,
                                    const std::shared_ptr<Flushable>& owner,
                                    WriteCounters& counters) {
    Buffers buffers;
    for (int round = 0; round < max_writes_per_turn; ++round) {
        if (empty()) {
            drained();
            return Flushed::drained;
        }
        std::size_t bytes = 0;
        std::size_t count = gather(buffers, bytes);
        error_code error;
        std::size_t sent =
            socket.write_some(std::span<const asio::const_buffer>(buffers.data(), count), error);
        if (error == asio::error::would_block || error == asio::error::try_again) {
            // Full: wait until the peer has read some. Pushes meanwhile only queue.
            busy_ = true;
            socket.async_wait(asio::ip::tcp::socket::wait_write,
                              [this, owner](error_code waited) {
                                  busy_ = false;
                                  if (waited) failed_ = true;
                                  owner->flush();
                              });
            return Flushed::pending;
        }
        if (error) {
            failed_ = true;
            return Flushed::failed;
        }
        counters.writes.fetch_add(1, std::memory_order_relaxed);
        wrote(sent, counters);
    }
    return Flushed::more;
}

// Takes `bytes` written off the front of the queue.
void GatheredWriter::wrote(std::size_t bytes, WriteCounters& counters) {
    std::size_t frames = 0;
    while (bytes > 0 && head_ < queue_.size()) {
        std::size_t rest = queue_[head_].size() - written_;
        if (bytes < rest) {
            written_ += bytes;
            break;
        }
        bytes -= rest;
        queued_bytes_ -= std::min(queued_bytes_, queue_[head_].size());
        queue_[head_++].frame.reset();
        written_ = 0;
        ++frames;
    }
    counters.frames.fetch_add(frames, std::memory_order_relaxed);
    if (head_ > compact_after && head_ * 2 > queue_.size()) {
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
}

void GatheredWriter::drained() {
    queue_.clear();
    head_ = 0;
    written_ = 0;
    if (queue_.capacity() > kept_capacity) queue_.shrink_to_fit();
}

}  // namespace parley::net::detail
