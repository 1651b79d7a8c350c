// One connection of the fanout scenario. Every client receives; a sender
// also keeps `window` messages in flight, sending the next on each `ok`.
// Handlers run on the connection's thread; the tallies are read once the
// bench's threads have been joined.
#pragma once

#include <atomic>
#include <boost/asio/post.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "histogram.hpp"
#include "wire.hpp"
#include "ws_connection.hpp"

namespace parley::bench {

// Shared by every client, read-only once the run begins except for the window.
struct FanoutPlan {
    std::string room = "general";
    std::size_t window = 16;
    std::size_t text_bytes = 100;
    std::vector<int> sender_of_user;  // user id -> sender index, or -1
    std::size_t senders = 0;
    // steady_clock nanoseconds; senders stop at measure_until.
    std::atomic<std::int64_t> measure_from{INT64_MAX};
    std::atomic<std::int64_t> measure_until{INT64_MAX};
    const std::atomic<bool>* stopping = nullptr;          // ends after this are expected
    mutable std::atomic<std::size_t> unexpected_ends{0};  // clients count, main thread watches
};

struct FanoutTally {
    LatencyHistogram delivery_latency;  // send -> event at another client, in the window
    LatencyHistogram ack_latency;       // send -> ok at the sender, in the window
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t acked_in_window = 0;
    std::uint64_t delivered = 0;  // distinct bench messages received, whole run
    std::uint64_t delivered_in_window = 0;
    std::uint64_t lost = 0;        // acknowledged, never delivered to a member
    std::uint64_t duplicates = 0;  // delivered again
    std::uint64_t reordered = 0;   // delivered after a later message of the same sender
    std::uint64_t echoes = 0;      // a sender's own message came back to it
    std::uint64_t foreign = 0;     // a message the bench didn't write
    std::uint64_t command_errors = 0;
    std::uint64_t unanswered = 0;  // sends with neither ok nor error by the end
    std::uint64_t unexpected_ends = 0;
    std::vector<std::string> samples;  // first error texts and end reasons

    // Adds one client's counters, histograms and first samples; not `lost`
    // or `unanswered`, which need the senders' side.
    void add(const FanoutTally& client);
};

std::int64_t steady_now_ns();

// For a vector of unique_ptr to clients with in_flight(), acked(), received(),
// begin_sending(), executor() and add_to(tally, senders).
template <class Clients>
bool all_drained(const Clients& clients) {
    std::uint64_t in_flight = 0;
    std::uint64_t acked = 0;
    std::uint64_t received = 0;
    for (const auto& client : clients) {
        in_flight += client->in_flight();
        acked += client->acked();
        received += client->received();
    }
    return in_flight == 0 && received >= acked * (clients.size() - 1);
}

// Each of the first `senders` clients starts sending, on its own thread.
template <class Clients>
void post_begin_sending(const Clients& clients, std::size_t senders) {
    for (std::size_t s = 0; s < senders; ++s) {
        boost::asio::post(clients[s]->executor(), [client = clients[s].get()] {
            client->begin_sending();
        });
    }
}

template <class Clients>
FanoutTally tally_of(const Clients& clients, std::size_t senders) {
    std::vector<const typename Clients::value_type::element_type*> sending;
    for (std::size_t s = 0; s < senders; ++s) sending.push_back(clients[s].get());
    FanoutTally tally;
    for (const auto& client : clients) client->add_to(tally, sending);
    return tally;
}

class FanoutClient {
public:
    FanoutClient(std::shared_ptr<WsConnection> connection, std::int64_t user_id, int sender_index,
                 const FanoutPlan& plan);

    boost::asio::any_io_executor executor() const { return connection_->executor(); }
    void start();          // on the connection's thread
    void begin_sending();  // on the connection's thread; senders only

    // Any thread: progress, for the drain at the end.
    std::uint64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
    std::uint64_t acked() const { return acked_.load(std::memory_order_relaxed); }
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }

    // Once the threads are joined.
    void add_to(FanoutTally& tally, const std::vector<const FanoutClient*>& senders) const;

private:
    struct PeerTrack {
        std::vector<bool> seen;
        std::int64_t highest = -1;
    };

    void on_frame(std::string_view text);
    void on_message(const wire::Frame& frame, std::int64_t now);
    void on_answer(const wire::Frame& frame, std::int64_t now);
    void on_end(const std::string& why);
    void send_next(std::int64_t now);
    bool in_window(std::int64_t now) const;
    void note(std::string text);
    std::uint64_t lost_from(const FanoutClient& sender, const PeerTrack& track) const;

    std::shared_ptr<WsConnection> connection_;
    std::int64_t user_id_;
    int sender_index_;
    const FanoutPlan& plan_;
    std::vector<PeerTrack> peers_;  // by sender index
    // Sender side: by seq.
    enum class Answer : std::uint8_t { pending, ok, error };
    std::vector<std::int64_t> sent_ns_;
    std::vector<Answer> answers_;
    std::atomic<std::uint64_t> in_flight_{0};
    std::atomic<std::uint64_t> acked_{0};
    std::atomic<std::uint64_t> received_{0};
    FanoutTally own_;  // counters and histograms of this client alone; lost is computed later
};

}  // namespace parley::bench
