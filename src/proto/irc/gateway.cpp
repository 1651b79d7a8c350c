#include "proto/irc/gateway.hpp"

#include <chrono>

#include "proto/irc/numerics.hpp"
#include "proto/irc/variant.hpp"

namespace parley::proto::irc {

namespace {

// What this gateway implements, so what it offers in CAP LS.
CapSet offered() {
    // multi-prefix holds trivially: a member has one standing in a room (@ or +);
    // so does account-notify: a user's account is their nick and never changes.
    return CapSet{Cap::Sasl,        Cap::ServerTime,      Cap::MessageTags, Cap::ExtendedJoin,
                  Cap::AwayNotify,  Cap::AccountTag,      Cap::EchoMessage, Cap::MultiPrefix,
                  Cap::UserhostInNames, Cap::Batch, Cap::Chathistory, Cap::Setname,
                  Cap::AccountRegistration, Cap::AccountNotify, Cap::LabeledResponse,
                  Cap::InviteNotify};
}

}  // namespace

Gateway::Gateway(core::Service& service, net::Shards& shards, GatewayOptions options)
    : service_(service),
      shards_(shards),
      options_(std::move(options)),
      negotiation_(options_.server_name, offered()) {}

const std::vector<Gateway::CommandSpec>& Gateway::command_table() {
    // Commands as data: arity and registration are checked here, once, before any handler.
    static const std::vector<CommandSpec> table{
        {"CAP", 1, false, &Gateway::cap},
        {"AUTHENTICATE", 1, false, &Gateway::authenticate},
        {"REGISTER", 3, false, &Gateway::register_account},
        {"PASS", 1, false, &Gateway::pass},
        {"NICK", 1, false, &Gateway::nick},
        {"USER", 4, false, &Gateway::user},
        {"PING", 1, false, &Gateway::ping},
        {"PONG", 0, false, &Gateway::pong},
        {"QUIT", 0, false, &Gateway::quit},
        {"JOIN", 1, true, &Gateway::join},
        {"PART", 1, true, &Gateway::part},
        {"PRIVMSG", 2, true, &Gateway::privmsg},
        {"NOTICE", 2, true, &Gateway::privmsg},
        {"TAGMSG", 1, true, &Gateway::tagmsg},
        {"NAMES", 1, true, &Gateway::names},
        {"TOPIC", 1, true, &Gateway::topic},
        {"WHO", 1, true, &Gateway::who},
        {"MODE", 1, true, &Gateway::mode},
        {"AWAY", 0, true, &Gateway::away},
        {"VERSION", 0, true, &Gateway::version},
        {"TIME", 0, true, &Gateway::time},
        {"MOTD", 0, true, &Gateway::motd},
        {"LUSERS", 0, true, &Gateway::lusers},
        {"LIST", 0, true, &Gateway::list},
        {"WHOIS", 1, true, &Gateway::whois},
        {"CHATHISTORY", 3, true, &Gateway::chathistory},
        {"WHOWAS", 1, true, &Gateway::whowas},
        {"SETNAME", 1, true, &Gateway::setname},
        {"OPER", 2, true, &Gateway::oper},
        {"MONITOR", 1, true, &Gateway::monitor},
        {"KICK", 2, true, &Gateway::kick},
        {"KILL", 1, true, &Gateway::kill},
        {"INVITE", 2, true, &Gateway::invite},
        {"SILENCE", 0, true, &Gateway::silence},
    };
    return table;
}

void Gateway::on_open(std::shared_ptr<net::Connection> connection, const net::PeerInfo& peer) {
    auto client = std::make_unique<Client>();
    client->conn = connection->id();
    client->address = peer.address;
    client->nick = "*";
    std::lock_guard lock(mutex_);
    clients_[client->conn] = std::move(client);
}

void Gateway::on_close(net::ConnId connection) {
    {
        std::lock_guard lock(mutex_);
        clients_.erase(connection);
    }
    service_.disconnect(connection);
}

namespace {

// A burst, then a steady rate, as mature IRC servers allow.
constexpr core::RateLimit line_rate{.per_second = 5.0, .burst = 40.0};
// Lines held back at most (about 20 s at the steady rate) before a client is
// judged to be flooding rather than pasting.
constexpr std::size_t max_lagged_lines = 100;

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

bool Gateway::flooding(Client& client) {
    if (!options_.flood_control) return false;
    return !client.lines.take(line_rate, steady_ms());
}

void Gateway::lag(Client& client, std::string line) {
    if (client.lagged.size() >= max_lagged_lines) {
        client.lagged.clear();
        return close(client, "Closing link: Excess Flood");
    }
    client.lagged.push_back(std::move(line));
    schedule_drain(client);
}

void Gateway::schedule_drain(Client& client) {
    if (client.drain_scheduled) return;
    client.drain_scheduled = true;
    auto wait = std::chrono::milliseconds(static_cast<int>(1000.0 / line_rate.per_second) + 1);
    shards_.post_after(net::Shards::shard_of(client.conn), wait,
                       [this, conn = client.conn] { drain_lagged(conn); });
}

void Gateway::drain_lagged(net::ConnId connection) {
    auto* client = find(connection);
    if (client == nullptr || client->quitting) return;
    client->drain_scheduled = false;
    while (!client->lagged.empty() && !flooding(*client)) {
        std::string line = std::move(client->lagged.front());
        client->lagged.pop_front();
        handle_line(*client, line);
        if (client->quitting) return;
    }
    if (!client->lagged.empty()) schedule_drain(*client);
}

Client* Gateway::find(net::ConnId conn) {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(conn);
    return it == clients_.end() ? nullptr : it->second.get();
}

void Gateway::on_line_too_long(net::ConnId connection) {
    if (auto* client = find(connection)) numeric(*client, ERR_INPUTTOOLONG, {"Input line was too long"});
}

void Gateway::on_line(net::ConnId connection, std::string line) {
    auto* client = find(connection);
    if (client == nullptr || client->quitting) return;
    // Lines keep their order: once some wait, the rest wait behind them.
    if (!client->lagged.empty() || flooding(*client)) return lag(*client, std::move(line));
    handle_line(*client, line);
}

void Gateway::handle_line(Client& client, const std::string& line) {
    auto message = parse_line(line);
    if (!message) {
        if (message.error().code == core::Errc::too_large) {
            numeric(client, ERR_INPUTTOOLONG, {"Input line was too long"});
        }
        return;  // a malformed line is ignored, as servers do
    }
    const auto& table = command_table();
    auto spec = std::find_if(table.begin(), table.end(),
                             [&](const CommandSpec& s) { return s.name == message->command; });
    if (spec == table.end()) {
        if (client.registered) numeric(client, ERR_UNKNOWNCOMMAND, {message->command, "Unknown command"});
        else numeric(client, ERR_NOTREGISTERED, {"You have not registered"});
        return;
    }
    if (spec->needs_registration && !client.registered) {
        return numeric(client, ERR_NOTREGISTERED, {"You have not registered"});
    }
    if (message->params.size() < spec->min_params) {
        return numeric(client, ERR_NEEDMOREPARAMS, {message->command, "Not enough parameters"});
    }
    const std::string* label = find_tag(*message, "label");
    if (label == nullptr || !client.caps.enabled.has(Cap::LabeledResponse) || label->empty()) {
        return (this->*(spec->handle))(client, *message);
    }
    // Replies to a labeled command are collected, then sent tagged (or batched)
    // once the last service answer for it is in.
    std::string tag = *label;
    client.labels[tag];
    client.active_label = tag;
    (this->*(spec->handle))(client, *message);
    client.active_label.clear();
    finish_label(client, tag);
}

void Gateway::send(Client& client, const Message& message) {
    send(client, std::vector<Message>{message});
}

void Gateway::send(Client& client, const std::vector<Message>& messages) {
    if (!client.active_label.empty()) {
        auto& replies = client.labels[client.active_label].replies;
        replies.insert(replies.end(), messages.begin(), messages.end());
        return;
    }
    write(client, messages);
}

void Gateway::write(Client& client, const std::vector<Message>& messages) {
    std::string bytes;
    for (const auto& message : messages) bytes += serialize(message);
    if (bytes.empty()) return;
    if (auto* connection = shards_.find(client.conn)) connection->send(net::make_frame(std::move(bytes)));
}

void Gateway::finish_label(Client& client, const std::string& label) {
    auto it = client.labels.find(label);
    if (it == client.labels.end() || it->second.pending > 0) return;
    auto replies = std::move(it->second.replies);
    client.labels.erase(it);
    const Tag tag{"label", label};
    if (replies.empty()) return write(client, {Message{{tag}, options_.server_name, "ACK", {}}});
    if (replies.size() == 1) {
        replies[0].tags.insert(replies[0].tags.begin(), tag);
        return write(client, replies);
    }
    std::string ref = "l" + std::to_string(++client.batches);
    std::vector<Message> out{Message{{tag}, options_.server_name, "BATCH", {"+" + ref, "labeled-response"}}};
    for (auto& reply : replies) {
        reply.tags.insert(reply.tags.begin(), Tag{"batch", ref});
        out.push_back(std::move(reply));
    }
    out.push_back(Message{{}, options_.server_name, "BATCH", {"-" + ref}});
    write(client, out);
}

void Gateway::numeric(Client& client, int code, std::vector<std::string> params) {
    send(client, irc::numeric(options_.server_name, code, client.nick, std::move(params)));
}

core::Service::Reply Gateway::on_shard(
    net::ConnId conn, std::function<void(Client&, core::Result<core::Answer>)> then) {
    // Created while a command is handled on the shard: the answer belongs to its label, if any.
    std::string label;
    if (auto* client = find(conn); client != nullptr && !client->active_label.empty()) {
        label = client->active_label;
        ++client->labels[label].pending;
    }
    return [this, conn, label, then = std::move(then)](core::Result<core::Answer> answer) {
        shards_.post(net::Shards::shard_of(conn), [this, conn, label, then,
                                                   answer = std::move(answer)] {
            auto* client = find(conn);
            if (client == nullptr) return;
            if (label.empty()) return then(*client, answer);
            client->active_label = label;
            then(*client, answer);
            client->active_label.clear();
            --client->labels[label].pending;
            finish_label(*client, label);
        });
    };
}

void Gateway::fail(Client& client, const core::Error& error, const std::string& target) {
    using core::Errc;
    switch (error.code) {
        case Errc::not_found: return numeric(client, ERR_NOSUCHNICK, {target, error.message});
        case Errc::invalid_room: return numeric(client, ERR_NOSUCHCHANNEL, {target, error.message});
        case Errc::not_member: return numeric(client, ERR_NOTONCHANNEL, {target, error.message});
        case Errc::banned: return numeric(client, ERR_BANNEDFROMCHAN, {target, error.message});
        case Errc::forbidden: return numeric(client, ERR_CHANOPRIVSNEEDED, {target, error.message});
        case Errc::room_full: return numeric(client, ERR_CHANNELISFULL, {target, error.message});
        case Errc::wrong_key: return numeric(client, ERR_BADCHANNELKEY, {target, error.message});
        case Errc::invite_only: return numeric(client, ERR_INVITEONLYCHAN, {target, error.message});
        case Errc::moderated:
        case Errc::blocked:
        case Errc::invalid_text:
        case Errc::rate_limited:
            return numeric(client, ERR_CANNOTSENDTOCHAN, {target, error.message});
        default:
            send(client, Message{{}, options_.server_name, "NOTICE", {client.nick, error.message}});
    }
}

void Gateway::close(Client& client, const std::string& reason) {
    client.quitting = true;
    write(client, {Message{{}, {}, "ERROR", {reason}}});  // never held back by a label
    if (auto* connection = shards_.find(client.conn)) connection->close(0, reason);
}

}  // namespace parley::proto::irc
