// One connection paging backwards through a room with `history` (before,
// limit), one page in flight, from the newest message to the first. It
// checks what comes back: ids falling page after page, and each sender's
// bench messages each once, in the order sent. Handlers run on the
// connection's thread; read the results once the threads are joined.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "histogram.hpp"
#include "wire.hpp"
#include "ws_connection.hpp"

namespace parley::bench {

struct HistoryPlan {
    std::string room;
    std::size_t page_size = 100;
    std::size_t senders = 0;  // bench texts name sender 0..senders-1
    std::size_t max_pages = 0;
};

struct HistoryCheck {
    std::uint64_t pages = 0;
    std::uint64_t messages = 0;
    std::uint64_t foreign = 0;     // not a bench text of a known sender
    std::uint64_t duplicates = 0;  // the same sender's seq again
    std::uint64_t reordered = 0;   // a seq above one already read (reading backwards)
    std::uint64_t ids_out_of_order = 0;
    std::uint64_t errors = 0;  // error answers or pages that are not pages
    std::vector<std::string> samples;
    LatencyHistogram page_latency;  // request -> page
    double seconds = 0;             // first request -> last page
};

class HistoryReader {
public:
    HistoryReader(std::shared_ptr<WsConnection> connection, HistoryPlan plan);

    void start();  // on the connection's thread: asks for the newest page
    bool finished() const { return finished_.load(); }
    bool ended() const { return ended_.load(); }  // the connection closed

    // Once the threads are joined.
    const HistoryCheck& check() const { return check_; }
    // Sender `sender`'s message `seq` was read.
    bool was_read(std::size_t sender, std::size_t seq) const;

private:
    void request(std::int64_t before);
    void on_frame(std::string_view text);
    void take(const wire::PagedMessage& message);
    void note(std::string text);

    std::shared_ptr<WsConnection> connection_;
    HistoryPlan plan_;
    std::int64_t requested_ns_ = 0;
    std::int64_t started_ns_ = 0;
    std::int64_t lowest_id_ = INT64_MAX;
    std::vector<std::vector<bool>> seen_;   // by sender, by seq
    std::vector<std::int64_t> lowest_seq_;  // by sender
    HistoryCheck check_;
    std::atomic<bool> finished_{false};
    std::atomic<bool> ended_{false};
};

}  // namespace parley::bench
