// draft/chathistory: history served from Parley's store, referenced by msgid.
#include <algorithm>
#include <charconv>
#include <memory>
#include <cstdio>
#include <ctime>

#include "proto/irc/casemapping.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

namespace {

// A CHATHISTORY reference: "msgid=42", "timestamp=2026-11-22T10:00:00.000Z", or "*".
struct Ref {
    std::optional<core::MessageId> msgid;
    std::optional<core::TimeMs> ts;
    bool any() const { return !msgid && !ts; }  // "*"
};

std::optional<core::TimeMs> parse_timestamp(const std::string& text) {
    // YYYY-MM-DDThh:mm:ss[.sss]Z, as server-time writes it.
    std::tm utc{};
    int millis = 0;
    char zone = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &utc.tm_year, &utc.tm_mon,
                    &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &used) != 6) {
        return std::nullopt;
    }
    std::string rest = text.substr(static_cast<std::size_t>(used));
    if (rest.size() == 5 && rest[0] == '.') {
        if (std::sscanf(rest.c_str(), ".%3d%c", &millis, &zone) != 2) return std::nullopt;
    } else if (rest.size() == 1) {
        zone = rest[0];
    }
    if (zone != 'Z' || utc.tm_mon < 1 || utc.tm_mon > 12 || utc.tm_mday < 1) return std::nullopt;
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    std::time_t seconds = timegm(&utc);
    if (seconds < 0) return std::nullopt;
    return static_cast<core::TimeMs>(seconds) * 1000 + millis;
}

std::optional<Ref> parse_ref(const std::string& text) {
    if (text == "*") return Ref{};
    if (text.rfind("msgid=", 0) == 0) {
        const std::string digits = text.substr(6);
        core::MessageId id = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
        if (ec != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
        return Ref{id, std::nullopt};
    }
    if (text.rfind("timestamp=", 0) == 0) {
        if (auto ts = parse_timestamp(text.substr(10))) return Ref{std::nullopt, ts};
    }
    return std::nullopt;
}

void bound_before(core::cmd::History& query, const Ref& ref) {
    if (ref.msgid) query.before = *ref.msgid;
    if (ref.ts) query.before_ts = *ref.ts;
}

void bound_after(core::cmd::History& query, const Ref& ref) {
    if (ref.msgid) query.after = *ref.msgid;
    if (ref.ts) query.after_ts = *ref.ts;
}

int parse_limit(const std::string& text) {
    int limit = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc{} || end != text.data() + text.size()) return 0;
    return std::min(limit, core::max_history_limit);
}

Message fail_reply(std::string code, std::string context, std::string text) {
    return Message{{}, {}, "FAIL", {"CHATHISTORY", std::move(code), std::move(context), std::move(text)}};
}

}  // namespace

void Gateway::chathistory(Client& client, const Message& m) {
    const std::string subcommand = m.params[0];
    if (subcommand == "TARGETS") return chathistory_targets(client, m);
    bool between = subcommand == "BETWEEN";
    std::size_t limit_at = between ? 4 : 3;
    auto ref = parse_ref(m.params[2]);
    auto end = between && m.params.size() > 3 ? parse_ref(m.params[3]) : std::optional<Ref>{};
    int limit = m.params.size() > limit_at ? parse_limit(m.params[limit_at]) : 0;
    bool known = subcommand == "LATEST" || subcommand == "BEFORE" || subcommand == "AFTER" ||
                 subcommand == "AROUND" || between;
    if (!known || !ref || limit <= 0 || (subcommand != "LATEST" && ref->any()) ||
        (between && (!end || end->any()))) {
        return send(client, fail_reply("INVALID_PARAMS", subcommand,
                                       "Use LATEST, BEFORE, AFTER, AROUND, BETWEEN or TARGETS with "
                                       "msgid= or timestamp= references and a limit of 1 to 100"));
    }
    core::cmd::History query;
    const std::string target = m.params[1];
    if (is_channel(target)) {
        auto room = room_of_channel(target);
        if (!room) return send(client, fail_reply("INVALID_TARGET", subcommand, "No such channel"));
        query.room = *room;
    } else {
        query.with_name = target;
    }
    query.limit = limit;
    if (subcommand == "BEFORE") bound_before(query, *ref);
    if (subcommand == "AFTER") bound_after(query, *ref);
    if (between) {
        // Either order; the answer is oldest first either way.
        bool ascending = ref->msgid ? (!end->msgid || *ref->msgid < *end->msgid)
                                    : (!end->ts || *ref->ts < *end->ts);
        bound_after(query, ascending ? *ref : *end);
        bound_before(query, ascending ? *end : *ref);
    }
    if (subcommand == "AROUND") {
        // Half the limit up to the reference (the referenced message included),
        // then the rest after it.
        core::cmd::History older = query;
        older.limit = std::max(1, (limit + 1) / 2);
        if (ref->msgid) older.before = *ref->msgid + 1;
        if (ref->ts) older.before_ts = *ref->ts + 1;
        core::cmd::History newer = query;
        bound_after(newer, *ref);
        return chathistory_around(client, target, std::move(older), std::move(newer));
    }
    // LATEST is the newest page, less what the client has already (up to its
    // reference); AFTER and BETWEEN count from their start instead.
    service_.command(client.conn, std::move(query),
                     on_shard(client.conn, [this, target, subcommand, ref = *ref](
                                               Client& c, core::Result<core::Answer> a) {
                         if (!a) return send(c, fail_reply("INVALID_TARGET", subcommand, a.error().message));
                         auto history = std::get<core::answer::History>(a.value());
                         if (subcommand == "LATEST") {
                             std::erase_if(history.messages, [&](const core::Message& message) {
                                 return (ref.msgid && message.id <= *ref.msgid) ||
                                        (ref.ts && message.ts <= *ref.ts);
                             });
                         }
                         send_history(c, target, history);
                     }));
}

void Gateway::chathistory_around(Client& client, const std::string& target,
                                 core::cmd::History older, core::cmd::History newer) {
    int limit = newer.limit;
    service_.command(
        client.conn, std::move(older),
        on_shard(client.conn, [this, target, newer = std::move(newer), limit](
                                  Client& c, core::Result<core::Answer> a) mutable {
            if (!a) return send(c, fail_reply("INVALID_TARGET", "AROUND", a.error().message));
            auto page = std::get<core::answer::History>(a.value());
            newer.limit = std::max(1, limit - static_cast<int>(page.messages.size()));
            service_.command(
                c.conn, std::move(newer),
                on_shard(c.conn, [this, target, page = std::move(page), limit](
                                     Client& c2, core::Result<core::Answer> b) mutable {
                    if (b) {
                        auto& later = std::get<core::answer::History>(b.value());
                        for (auto& message : later.messages) {
                            if (static_cast<int>(page.messages.size()) >= limit) break;
                            page.messages.push_back(std::move(message));
                        }
                        page.names.merge(later.names);
                    }
                    send_history(c2, target, page);
                }));
        }));
}

void Gateway::chathistory_targets(Client& client, const Message& m) {
    // TARGETS timestamp=A timestamp=B limit: the client's channels and direct
    // conversations with a message between the two times, oldest activity first.
    auto from = m.params.size() > 3 ? parse_ref(m.params[1]) : std::nullopt;
    auto to = m.params.size() > 3 ? parse_ref(m.params[2]) : std::nullopt;
    int limit = m.params.size() > 3 ? parse_limit(m.params[3]) : 0;
    if (!from || !to || !from->ts || !to->ts || limit <= 0) {
        return send(client, fail_reply("INVALID_PARAMS", "TARGETS",
                                       "Use TARGETS timestamp=A timestamp=B limit"));
    }
    struct Gathered {
        std::vector<std::pair<core::TimeMs, std::string>> targets;  // latest message, target
        std::size_t waiting = 0;
    };
    auto gathered = std::make_shared<Gathered>();
    core::TimeMs low = std::min(*from->ts, *to->ts);
    core::TimeMs high = std::max(*from->ts, *to->ts);
    auto finish = [this, gathered, low, high, limit](Client& c) {
        if (--gathered->waiting > 0) return;
        auto& targets = gathered->targets;
        std::erase_if(targets, [&](const auto& t) { return t.first <= low || t.first >= high; });
        std::sort(targets.begin(), targets.end());
        if (targets.size() > static_cast<std::size_t>(limit)) targets.resize(static_cast<std::size_t>(limit));
        std::string batch = "t" + std::to_string(++c.batches);
        bool batched = c.caps.enabled.has(Cap::Batch);
        std::vector<Message> lines;
        if (batched) {
            lines.push_back(Message{{}, options_.server_name, "BATCH",
                                    {"+" + batch, "draft/chathistory-targets"}});
        }
        for (const auto& [ts, target] : targets) {
            Message line{{}, options_.server_name, "CHATHISTORY",
                         {"TARGETS", target, "timestamp=" + server_time(ts)}};
            if (batched) line.tags.push_back({"batch", batch});
            lines.push_back(std::move(line));
        }
        if (batched) lines.push_back(Message{{}, options_.server_name, "BATCH", {"-" + batch}});
        send(c, lines);
    };
    gathered->waiting = client.channels.size() + 1;
    service_.command(client.conn, core::cmd::Conversations{},
                     on_shard(client.conn, [gathered, finish](Client& c, core::Result<core::Answer> a) {
                         if (a) {
                             for (const auto& conversation :
                                  std::get<core::answer::Conversations>(a.value()).conversations) {
                                 gathered->targets.emplace_back(conversation.last_message.ts,
                                                                conversation.user.username);
                             }
                         }
                         finish(c);
                     }));
    for (const auto& room : client.channels) {
        core::cmd::History latest;
        latest.room = room;
        latest.limit = 1;
        latest.before_ts = high;
        service_.command(client.conn, std::move(latest),
                         on_shard(client.conn, [gathered, finish, room](Client& c,
                                                                        core::Result<core::Answer> a) {
                             if (a) {
                                 const auto& page = std::get<core::answer::History>(a.value());
                                 if (!page.messages.empty()) {
                                     gathered->targets.emplace_back(page.messages.back().ts,
                                                                    channel_of_room(room));
                                 }
                             }
                             finish(c);
                         }));
    }
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
        for (auto& line :
             message_lines(user_prefix(name, options_.server_name), to, message, public_url_)) {
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
