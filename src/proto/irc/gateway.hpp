#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/service.hpp"
#include "net/handlers.hpp"
#include "net/shards.hpp"
#include "proto/irc/cap_negotiation.hpp"
#include "proto/irc/client.hpp"
#include "proto/irc/message.hpp"

namespace parley::proto::irc {

struct GatewayOptions {
    std::string server_name = "parley.local";
    std::string network = "Parley";
    std::string version = "0.1.0";
    int history_replay = 50;  // lines replayed on JOIN
    std::string server_password;  // empty: none; else PASS must give it and accounts use SASL
    bool flood_control = true;    // "Excess Flood" past a burst of lines and a steady rate
    std::vector<std::pair<std::string, std::string>> opers;  // OPER name and password
};

// The IRC adapter: turns client lines into Service calls and renders their
// answers; events reach IRC clients through IrcWire, not through here.
class Gateway final : public net::LineHandler {
public:
    Gateway(core::Service& service, net::Shards& shards, GatewayOptions options);
    // Where file links point (known once the HTTP listener is bound); set it
    // before the IRC listeners start.
    void set_public_url(std::string url) { public_url_ = std::move(url); }

    void on_open(std::shared_ptr<net::Connection> connection, const net::PeerInfo& peer) override;
    void on_line(net::ConnId connection, std::string line) override;
    void on_line_too_long(net::ConnId connection) override;
    void on_close(net::ConnId connection) override;

private:
    using Handler = void (Gateway::*)(Client&, const Message&);
    struct CommandSpec {
        std::string_view name;
        std::size_t min_params;
        bool needs_registration;
        Handler handle;
    };
    static const std::vector<CommandSpec>& command_table();

    // Plumbing (gateway.cpp).
    Client* find(net::ConnId conn);
    void send(Client& client, const Message& message);
    void send(Client& client, const std::vector<Message>& messages);
    void numeric(Client& client, int code, std::vector<std::string> params);
    // Straight to the socket, past any label being collected.
    void write(Client& client, const std::vector<Message>& messages);
    void finish_label(Client& client, const std::string& label);
    // Runs `then` on the client's shard with the service's answer, if the client is still there.
    core::Service::Reply on_shard(net::ConnId conn,
                                  std::function<void(Client&, core::Result<core::Answer>)> then);
    void fail(Client& client, const core::Error& error, const std::string& target);
    void close(Client& client, const std::string& reason);

    // Registration (irc_registration.cpp).
    void cap(Client& client, const Message& m);
    void authenticate(Client& client, const Message& m);
    void pass(Client& client, const Message& m);
    void nick(Client& client, const Message& m);
    void user(Client& client, const Message& m);
    void try_register(Client& client);
    enum class SignIn { sasl, pass, registered };
    void sign_in(Client& client, std::string username, std::string password, SignIn how);
    void sign_in_guest(Client& client);
    void signed_in(Client& client, const core::answer::Ready& ready);
    void register_account(Client& client, const Message& m);
    void welcome(Client& client);

    // Session commands (irc_commands.cpp).
    void ping(Client& client, const Message& m);
    void pong(Client& client, const Message& m);
    void quit(Client& client, const Message& m);
    void join(Client& client, const Message& m);
    void part(Client& client, const Message& m);
    void privmsg(Client& client, const Message& m);
    void tagmsg(Client& client, const Message& m);
    void names(Client& client, const Message& m);
    void joined(Client& client, const core::answer::Joined& joined);

    // Queries (irc_channel_queries.cpp).
    void with_members(Client& client, const std::string& channel,
                      std::function<void(Client&, const core::answer::Joined&)> then);
    void topic(Client& client, const Message& m);
    void send_topic(Client& client, const core::Room& room);  // 331, or 332 and 333
    void who(Client& client, const Message& m);
    void mode(Client& client, const Message& m);
    // Channel modes (irc_channel_modes.cpp).
    void channel_mode(Client& client, const Message& m);
    void set_topic(Client& client, const std::string& channel, const std::string& topic);
    void away(Client& client, const Message& m);
    void version(Client& client, const Message& m);
    void time(Client& client, const Message& m);
    void motd(Client& client, const Message& m);
    void lusers(Client& client, const Message& m);
    enum class AfterLusers { nothing, motd };
    void send_lusers(Client& client, AfterLusers after);
    void send_counts(Client& client, const core::answer::Stats& stats);
    void list(Client& client, const Message& m);
    void whois(Client& client, const Message& m);
    void whowas(Client& client, const Message& m);
    void setname(Client& client, const Message& m);
    void oper(Client& client, const Message& m);
    void monitor(Client& client, const Message& m);
    void monitored(Client& client, core::cmd::Monitor::Action action,
                   const core::answer::Monitored& result);

    // draft/chathistory (irc_chathistory.cpp).
    void chathistory(Client& client, const Message& m);
    void chathistory_around(Client& client, const std::string& target, core::cmd::History older,
                            core::cmd::History newer);
    void chathistory_targets(Client& client, const Message& m);
    void send_history(Client& client, const std::string& target,
                      const core::answer::History& history);

    // Moderation (irc_moderation.cpp).
    void kick(Client& client, const Message& m);
    void ban_mask(Client& client, const std::string& channel, bool add, const std::string& mask);
    void kill(Client& client, const Message& m);
    void invite(Client& client, const Message& m);
    void silence(Client& client, const Message& m);
    void send_names(Client& client, const core::answer::Joined& joined);

    bool flooding(Client& client);
    void lag(Client& client, std::string line);
    void schedule_drain(Client& client);
    void drain_lagged(net::ConnId connection);
    void handle_line(Client& client, const std::string& line);

    core::Service& service_;
    net::Shards& shards_;
    GatewayOptions options_;
    std::string public_url_;
    CapNegotiation negotiation_;
    std::mutex mutex_;  // guards the map only; each Client is touched on its shard
    std::unordered_map<net::ConnId, std::unique_ptr<Client>> clients_;
};

}  // namespace parley::proto::irc
