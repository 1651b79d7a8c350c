// draft/chathistory: history served from Parley's store, referenced by msgid.
#include "proto/irc/casemapping.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

namespace {

// "msgid=42" → 42; "*" → 0 (no reference); anything else (timestamps) → nullopt.
std::optional<core::MessageId> message_ref(const std::string& ref) {
    if (ref == "*") return core::MessageId{0};
    if (ref.rfind("msgid=", 0) != 0) return std::nullopt;
    try {
        std::size_t used = 0;
        auto id = std::stoll(ref.substr(6), &used);
        if (used != ref.size() - 6 || id < 0) return std::nullopt;
        return id;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Message fail_reply(std::string code, std::string context, std::string text) {
    return Message{{}, {}, "FAIL", {"CHATHISTORY", std::move(code), std::move(context), std::move(text)}};
}

}  // namespace

void Gateway::chathistory(Client& client, const Message& m) {
    const std::string subcommand = m.params[0];
    const std::string target = m.params[1];
    auto ref = message_ref(m.params[2]);
    // BETWEEN has a second reference before its limit.
    bool between = subcommand == "BETWEEN";
    auto end = between && m.params.size() > 3 ? message_ref(m.params[3]) : std::optional<core::MessageId>{};
    std::size_t limit_at = between ? 4 : 3;
    int limit = m.params.size() > limit_at ? std::atoi(m.params[limit_at].c_str()) : 50;
    bool known = subcommand == "LATEST" || subcommand == "BEFORE" || subcommand == "AFTER" || between;
    if (!known || !ref || limit <= 0 || (subcommand != "LATEST" && *ref == 0) ||
        (between && (!end || *end == 0))) {
        return send(client, fail_reply("INVALID_PARAMS", subcommand,
                                       "Use LATEST, BEFORE, AFTER or BETWEEN with msgid= "
                                       "references and a limit"));
    }
    core::cmd::History query;
    if (is_channel(target)) {
        auto room = room_of_channel(target);
        if (!room) return send(client, fail_reply("INVALID_TARGET", subcommand, "No such channel"));
        query.room = *room;
    } else {
        query.with_name = target;
    }
    query.limit = limit;
    if (subcommand == "BEFORE") query.before = *ref;
    if (subcommand == "AFTER") query.after = *ref;
    if (between) {  // either order, oldest first
        query.after = std::min(*ref, *end);
        query.before = std::max(*ref, *end);
    }
    core::MessageId newer_than = subcommand == "LATEST" ? *ref : 0;
    service_.command(client.conn, std::move(query),
                     on_shard(client.conn, [this, target, newer_than, subcommand](
                                               Client& c, core::Result<core::Answer> a) {
                         if (!a) return send(c, fail_reply("INVALID_TARGET", subcommand, a.error().message));
                         auto history = std::get<core::answer::History>(a.value());
                         std::erase_if(history.messages, [&](const core::Message& message) {
                             return message.id <= newer_than;
                         });
                         send_history(c, target, history);
                     }));
}

void Gateway::send_history(Client& client, const std::string& target,
                           const core::answer::History& history) {
    std::string batch = "h" + std::to_string(++client.batches);
    bool batched = client.caps.enabled.has(Cap::Batch);
    std::vector<Message> lines;
    if (batched) lines.push_back(Message{{}, options_.server_name, "BATCH", {"+" + batch, "chathistory", target}});
    for (const auto& message : history.messages) {
        auto name = history.names.contains(message.from) ? history.names.at(message.from)
                                                          : "deleted-" + std::to_string(message.from);
        // A direct message is addressed to its recipient: the other side, or us.
        std::string to = message.room ? target : (name == client.nick ? target : client.nick);
        for (auto& line : text_lines("PRIVMSG", user_prefix(name, options_.server_name), to, message.text)) {
            if (batched) line.tags.push_back({"batch", batch});
            line.tags.push_back({"time", server_time(message.ts)});
            line.tags.push_back({"msgid", std::to_string(message.id)});
            lines.push_back(std::move(line));
        }
    }
    if (batched) lines.push_back(Message{{}, options_.server_name, "BATCH", {"-" + batch}});
    send(client, lines);
}

}  // namespace parley::proto::irc
