// One WebSocket connection of fanout, rooms or history's fill. Every client
// receives its room's messages; a sender also sends as its SendPacer says,
// and counts a message answered on its `ok`. Handlers run on the
// connection's thread; the tallies are read once the bench's threads have
// been joined.
#pragma once

#include <atomic>
#include <boost/asio/post.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fanout_plan.hpp"
#include "histogram.hpp"
#include "send_pacer.hpp"
#include "wire.hpp"
#include "ws_connection.hpp"

namespace parley::bench {

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
    std::uint64_t late = 0;        // fixed rate: sent late, the window being full
    std::uint64_t skipped = 0;     // fixed rate: never sent, the window full till the end
    std::uint64_t unexpected_ends = 0;
    std::vector<std::string> samples;  // first error texts and end reasons

    // Adds one client's counters, histograms and first samples; not `lost`
    // or `unanswered`, which need the senders' side.
    void add(const FanoutTally& client);
    void record_ack(const FanoutPlan& plan, std::int64_t stamp_ns, std::int64_t now_ns);
};

// What one client received from each sender of its room (by the sender's
// slot): duplicates, order, and the deliveries and latency in the window.
class ReceivedLog {
public:
    explicit ReceivedLog(std::size_t senders) : peers_(senders) {}

    // False for a duplicate.
    bool record(const FanoutPlan& plan, std::size_t slot, std::int64_t seq, std::int64_t stamp_ns,
                std::int64_t now_ns, FanoutTally& own);
    bool seen(std::size_t slot, std::size_t seq) const;
    std::size_t senders() const { return peers_.size(); }

private:
    struct PeerTrack {
        std::vector<bool> seen;
        std::int64_t highest = -1;
    };
    std::vector<PeerTrack> peers_;
};

std::int64_t steady_now_ns();

// For a vector of unique_ptr to clients (WebSocket or IRC) with in_flight(),
// acked(), received(), begin_sending(), executor() and add_to(tally, all).
template <class Clients>
bool all_drained(const Clients& clients, const FanoutPlan& plan) {
    std::uint64_t in_flight = 0;
    std::uint64_t expected = 0;
    std::uint64_t received = 0;
    for (std::size_t i = 0; i < clients.size(); ++i) {
        in_flight += clients[i]->in_flight();
        expected += clients[i]->acked() * plan.receivers_of(i);
        received += clients[i]->received();
    }
    return in_flight == 0 && received >= expected;
}

// Every sender starts, on its own thread.
template <class Clients>
void post_begin_sending(const Clients& clients, const FanoutPlan& plan) {
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!plan.is_sender(i)) continue;
        boost::asio::post(clients[i]->executor(),
                          [client = clients[i].get()] { client->begin_sending(); });
    }
}

// Adds to `tally` the messages that `index`'s room-mates sent and should
// have reached it (expects_delivery) but never did, and its pacer's counts.
template <class Client>
void add_losses(FanoutTally& tally, const FanoutPlan& plan, std::size_t index,
                const ReceivedLog& log, const SendPacer& pacer,
                const std::vector<const Client*>& all) {
    tally.late += pacer.late();
    tally.skipped += pacer.skipped();
    std::size_t room = plan.room_of(index);
    for (std::size_t slot = 0; slot < log.senders(); ++slot) {
        std::size_t sender = plan.client_at(room, slot);
        if (sender >= all.size() || sender == index) continue;
        for (std::size_t seq = 0; seq < all[sender]->sent(); ++seq) {
            if (all[sender]->expects_delivery(seq) && !log.seen(slot, seq)) ++tally.lost;
        }
    }
}

template <class Clients>
FanoutTally tally_of(const Clients& clients) {
    std::vector<const typename Clients::value_type::element_type*> all;
    for (const auto& client : clients) all.push_back(client.get());
    FanoutTally tally;
    for (const auto& client : clients) client->add_to(tally, all);
    return tally;
}

class FanoutClient {
public:
    FanoutClient(std::shared_ptr<WsConnection> connection, std::size_t index,
                 const FanoutPlan& plan);

    boost::asio::any_io_executor executor() const { return connection_->executor(); }
    void start();          // on the connection's thread
    void begin_sending();  // on the connection's thread; senders only

    // Any thread: progress, for the drain at the end.
    std::uint64_t in_flight() const { return pacer_.in_flight(); }
    std::uint64_t acked() const { return acked_.load(std::memory_order_relaxed); }
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }

    // Once the threads are joined.
    // `all`: every client, by index.
    void add_to(FanoutTally& tally, const std::vector<const FanoutClient*>& all) const;
    std::size_t sent() const { return answers_.size(); }
    // Acknowledged: every other member must get it.
    bool expects_delivery(std::size_t seq) const {
        return seq < answers_.size() && answers_[seq] == Answer::ok;
    }

private:
    void on_frame(std::string_view text);
    void on_message(const wire::Frame& frame, std::int64_t now);
    void on_answer(const wire::Frame& frame, std::int64_t now);
    void on_end(const std::string& why);
    void send_one(std::int64_t stamp);
    void note(std::string text);

    std::shared_ptr<WsConnection> connection_;
    std::size_t index_;
    std::string room_;
    const FanoutPlan& plan_;
    ReceivedLog received_log_;
    // Sender side: by seq.
    enum class Answer : std::uint8_t { pending, ok, error };
    std::vector<std::int64_t> sent_ns_;
    std::vector<Answer> answers_;
    SendPacer pacer_;
    std::atomic<std::uint64_t> acked_{0};
    std::atomic<std::uint64_t> received_{0};
    FanoutTally own_;  // counters and histograms of this client alone; lost is computed later
};

}  // namespace parley::bench
