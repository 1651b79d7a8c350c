// One client of the IRC fanout scenario, registered as "bn<index>". Every
// client receives; a sender also keeps `window` PRIVMSGs in flight. IRC has
// no per-message answer, so each PRIVMSG is followed by "PING :<seq>": the
// server handles a client's lines in order, so its PONG says the message
// was handled (for parleyd: accepted; not necessarily committed yet). That
// PONG plays the part of the WebSocket `ok`.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fanout_client.hpp"
#include "irc_connection.hpp"

namespace parley::bench {

class IrcFanoutClient {
public:
    IrcFanoutClient(std::shared_ptr<IrcConnection> connection, std::size_t index,
                    std::string channel, const FanoutPlan& plan);

    boost::asio::any_io_executor executor() const { return connection_->executor(); }
    void start();          // on the connection's thread
    void begin_sending();  // on the connection's thread; senders only

    std::uint64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
    std::uint64_t sent() const { return sent_count_.load(std::memory_order_relaxed); }
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }

    // Once the threads are joined. Every message sent counts: IRC acknowledges none.
    void add_to(FanoutTally& tally, const std::vector<const IrcFanoutClient*>& senders) const;

private:
    struct PeerTrack {
        std::vector<bool> seen;
        std::int64_t highest = -1;
    };

    void on_line(std::string_view text);
    void on_message(std::string_view nick, std::string_view text, std::int64_t now);
    void on_pong(std::string_view token, std::int64_t now);
    void on_end(const std::string& why);
    void send_next(std::int64_t now);
    bool in_window(std::int64_t now) const;
    void note(std::string text);
    int sender_of(std::string_view nick) const;

    std::shared_ptr<IrcConnection> connection_;
    std::size_t index_;
    int sender_index_;
    std::string channel_;
    std::string privmsg_;  // "PRIVMSG #channel :"
    const FanoutPlan& plan_;
    std::vector<PeerTrack> peers_;  // by sender index
    std::vector<std::int64_t> sent_ns_;
    std::size_t acked_upto_ = 0;  // seqs below it have their PONG
    std::atomic<std::uint64_t> in_flight_{0};
    std::atomic<std::uint64_t> sent_count_{0};
    std::atomic<std::uint64_t> received_{0};
    FanoutTally own_;
};

}  // namespace parley::bench
