// One client of the IRC fanout and rooms scenarios, registered as
// "bn<index>". Every client receives its channel's messages; a sender also
// sends PRIVMSGs as its SendPacer says, at most `window` in flight. IRC
// answers no message, so a message counts as answered (the WebSocket `ok`)
// once every other member has received it: the receivers count it in the
// sender's slots and the last one tells the sender. The loop is closed end
// to end, so neither the server's queues nor the bench's sockets can pile
// up deliveries the bench hasn't read.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fanout_client.hpp"
#include "irc_connection.hpp"
#include "send_pacer.hpp"

namespace parley::bench {

class IrcFanoutClient {
public:
    using Clients = std::vector<std::unique_ptr<IrcFanoutClient>>;

    // `clients` is filled before anyone sends; its channel is "#" + plan.room_name(index).
    IrcFanoutClient(std::shared_ptr<IrcConnection> connection, std::size_t index,
                    const FanoutPlan& plan, const Clients& clients);

    boost::asio::any_io_executor executor() const { return connection_->executor(); }
    void start();          // on the connection's thread
    void begin_sending();  // on the connection's thread; senders only

    std::uint64_t in_flight() const { return pacer_.in_flight(); }
    std::uint64_t acked() const { return acked_count_.load(std::memory_order_relaxed); }
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }

    // Once the threads are joined. Every message sent counts: IRC acknowledges none.
    std::size_t sent() const { return sent_ns_.size(); }
    bool expects_delivery(std::size_t) const { return true; }
    // `all`: every client, by index.
    void add_to(FanoutTally& tally, const std::vector<const IrcFanoutClient*>& all) const;

private:
    void on_line(std::string_view text);
    void on_message(std::string_view nick, std::string_view text, std::int64_t now);
    // Any receiver's thread: one more member has message `seq` of this sender.
    void delivered_one(std::size_t seq);
    void on_complete(std::size_t seq);  // the sender's thread
    void on_end(const std::string& why);
    void send_one(std::int64_t stamp);
    void note(std::string text);
    // The index of a sender in this client's channel, from its nick; -1 for any other.
    std::int64_t sender_of(std::string_view nick) const;

    std::shared_ptr<IrcConnection> connection_;
    std::size_t index_;
    std::string channel_;
    std::string privmsg_;  // "PRIVMSG #channel :"
    const FanoutPlan& plan_;
    const Clients& clients_;
    ReceivedLog received_log_;
    std::vector<std::int64_t> sent_ns_;
    std::vector<bool> complete_;  // by seq: every other member has it
    std::size_t acked_upto_ = 0;  // seqs below it are all complete
    // Receivers so far of seq, at seq % window: a slot is reused only once its
    // previous seq is complete, which the window guarantees.
    std::unique_ptr<std::atomic<std::uint32_t>[]> slots_;
    SendPacer pacer_;
    std::atomic<std::uint64_t> acked_count_{0};
    std::atomic<std::uint64_t> received_{0};
    FanoutTally own_;
};

}  // namespace parley::bench
