// Registration: CAP, SASL PLAIN, PASS, NICK and USER, then the welcome burst.
#include <algorithm>

#include "core/validation.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/numerics.hpp"
#include "proto/irc/variant.hpp"

namespace parley::proto::irc {

namespace {

// RFC 4648 base64, as SASL PLAIN's AUTHENTICATE payload is.
std::optional<std::string> decode_base64(std::string_view in) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        auto value = alphabet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace

void Gateway::cap(Client& client, const Message& m) {
    auto outcome = negotiation_.handle(m, client.caps, client.nick,
                                       client.registered ? Registration::Complete
                                                         : Registration::Pending);
    client.caps = outcome.state;
    send(client, outcome.replies);
    if (client.registered) {
        service_.set_variant(client.conn, variant_of(client.caps.enabled, true));
    } else {
        try_register(client);
    }
}

void Gateway::authenticate(Client& client, const Message& m) {
    if (!client.caps.enabled.has(Cap::Sasl) || client.registered || client.user) {
        return numeric(client, ERR_SASLALREADY, {"You have already authenticated"});
    }
    const std::string& arg = m.params[0];
    if (!client.sasl_started) {
        if (arg != "PLAIN") return numeric(client, ERR_SASLFAIL, {"Only PLAIN is supported"});
        client.sasl_started = true;
        return send(client, Message{{}, {}, "AUTHENTICATE", {"+"}});
    }
    client.sasl_started = false;
    if (arg == "*") return numeric(client, ERR_SASLABORTED, {"SASL authentication aborted"});
    // authzid NUL authcid NUL password; one chunk is enough for names and passwords here.
    auto plain = decode_base64(arg);
    if (!plain) return numeric(client, ERR_SASLFAIL, {"SASL authentication failed"});
    auto first = plain->find('\0');
    auto second = first == std::string::npos ? first : plain->find('\0', first + 1);
    if (second == std::string::npos) return numeric(client, ERR_SASLFAIL, {"SASL authentication failed"});
    sign_in(client, plain->substr(first + 1, second - first - 1), plain->substr(second + 1),
            SignIn::sasl);
}

void Gateway::pass(Client& client, const Message& m) {
    if (client.registered) return numeric(client, ERR_ALREADYREGISTERED, {"You may not reregister"});
    if (!options_.server_password.empty()) {
        // With a server password, PASS carries it, and accounts sign in with SASL.
        client.server_password_ok = m.params[0] == options_.server_password;
        return;
    }
    client.pass = m.params[0];
}

void Gateway::nick(Client& client, const Message& m) {
    const std::string& wanted = m.params[0];
    if (!core::validate_username(wanted)) {
        return numeric(client, ERR_ERRONEUSNICKNAME, {wanted, "Nicknames are Parley usernames"});
    }
    if (client.registered) {
        // A signed-in user's nick is their username, which doesn't change.
        return numeric(client, ERR_NICKNAMEINUSE,
                       {wanted, "Your nick is your Parley username; it can't change"});
    }
    client.nick = wanted;
    try_register(client);
}

void Gateway::user(Client& client, const Message& m) {
    if (client.registered) return numeric(client, ERR_ALREADYREGISTERED, {"You may not reregister"});
    client.user_given = true;
    client.realname = m.params[3];
    try_register(client);
}

void Gateway::try_register(Client& client) {
    if (client.registered || client.signing_in || client.nick == "*" || !client.user_given ||
        client.caps.holds_registration()) {
        return;
    }
    if (!options_.server_password.empty() && !client.server_password_ok) {
        numeric(client, ERR_PASSWDMISMATCH, {"This server needs its password (PASS)"});
        return close(client, "Closing link: bad server password");
    }
    if (client.user) return welcome(client);
    if (!client.pass) return sign_in_guest(client);
    // PASS username:password, or PASS password with the nick as the username.
    std::string pass = *client.pass;
    auto colon = pass.find(':');
    std::string username = colon == std::string::npos ? client.nick : pass.substr(0, colon);
    std::string password = colon == std::string::npos ? pass : pass.substr(colon + 1);
    client.pass.reset();
    sign_in(client, std::move(username), std::move(password), SignIn::pass);
}

void Gateway::sign_in(Client& client, std::string username, std::string password, SignIn how) {
    client.signing_in = true;
    auto then = [this, how](Client& c, core::Result<core::Answer> answer) {
        c.signing_in = false;
        if (!answer) {
            if (how != SignIn::pass) return numeric(c, ERR_SASLFAIL, {answer.error().message});
            numeric(c, ERR_PASSWDMISMATCH, {answer.error().message});
            return close(c, "Closing link: " + answer.error().message);
        }
        c.user = std::get<core::answer::Ready>(answer.value()).user;
        if (how != SignIn::pass) {
            const auto& name = c.user->username;
            std::string mask = (c.nick == "*" ? name : c.nick) + "!" + name + "@" + options_.server_name;
            numeric(c, RPL_LOGGEDIN, {mask, name, "You are now logged in as " + name});
        }
        if (how == SignIn::sasl) numeric(c, RPL_SASLSUCCESS, {"SASL authentication successful"});
        signed_in(c, std::get<core::answer::Ready>(answer.value()));
    };
    // Events are held back (variant 0) until the welcome burst is out.
    service_.sign_in(client.conn, core::Protocol::irc, 0, std::move(username), std::move(password),
                     on_shard(client.conn, std::move(then)));
}

void Gateway::signed_in(Client& client, const core::answer::Ready& ready) {
    client.user = ready.user;
    client.initial_rooms = ready.rooms;
    try_register(client);
}

void Gateway::sign_in_guest(Client& client) {
    // No account given: a guest, if the server allows them, under the nick as sent.
    client.signing_in = true;
    auto then = [this](Client& c, core::Result<core::Answer> answer) {
        c.signing_in = false;
        if (answer) return signed_in(c, std::get<core::answer::Ready>(answer.value()));
        switch (answer.error().code) {
            case core::Errc::username_taken:  // another NICK may do
                return numeric(c, ERR_NICKNAMEINUSE, {c.nick, answer.error().message});
            case core::Errc::invalid_username:
                return numeric(c, ERR_ERRONEUSNICKNAME, {c.nick, answer.error().message});
            default:
                numeric(c, ERR_PASSWDMISMATCH,
                        {"Sign in with SASL PLAIN or PASS username:password (your Parley account)"});
                return close(c, "Closing link: not signed in");
        }
    };
    service_.sign_in_guest(client.conn, core::Protocol::irc, 0, client.nick,
                           on_shard(client.conn, std::move(then)));
}

void Gateway::register_account(Client& client, const Message& m) {
    // draft/account-registration: REGISTER <account|*> <email|*> <password>.
    auto refuse = [&](const char* code, const std::string& text) {
        send(client, Message{{}, options_.server_name, "FAIL", {"REGISTER", code, m.params[0], text}});
    };
    if (client.user || client.signing_in) return refuse("ALREADY_AUTHENTICATED", "You are signed in");
    std::string account = m.params[0] == "*" ? client.nick : m.params[0];
    std::string password = m.params[2];
    core::req::Register request{account, password, std::nullopt, std::nullopt, std::nullopt};
    client.signing_in = true;
    auto respond = [this, conn = client.conn, account, password](core::Result<core::Response> r) {
        shards_.post(net::Shards::shard_of(conn), [this, conn, account, password, r] {
            auto* c = find(conn);
            if (c == nullptr) return;
            c->signing_in = false;
            if (!r) {
                using core::Errc;
                const char* code = r.error().code == Errc::username_taken     ? "ACCOUNT_EXISTS"
                                   : r.error().code == Errc::invalid_password ? "WEAK_PASSWORD"
                                   : r.error().code == Errc::rate_limited
                                       ? "TEMPORARILY_UNAVAILABLE"
                                       : "BAD_ACCOUNT_NAME";
                return send(*c, Message{{}, options_.server_name, "FAIL",
                                        {"REGISTER", code, account, r.error().message}});
            }
            send(*c, Message{{}, options_.server_name, "REGISTER",
                             {"SUCCESS", account, "Account created; you are signed in"}});
            sign_in(*c, account, password, SignIn::registered);
        });
    };
    service_.request(core::Caller{std::nullopt, client.address}, std::move(request), respond);
}

void Gateway::welcome(Client& client) {
    const auto& user = *client.user;
    if (client.nick != user.username) {
        // The nick is the account's username, whatever the client asked for.
        send(client, Message{{}, client.nick + "!" + client.nick + "@" + options_.server_name,
                             "NICK", {user.username}});
    }
    client.nick = user.username;
    client.registered = true;
    const auto& server = options_.server_name;
    numeric(client, RPL_WELCOME, {"Welcome to the " + options_.network + " network, " + client.nick});
    numeric(client, RPL_YOURHOST, {"Your host is " + server + ", running Parley " + options_.version});
    numeric(client, RPL_CREATED, {"This server is a Parley chat server"});
    numeric(client, RPL_MYINFO, {server, "parley-" + options_.version, "io", "biklmnostv", "klov"});
    numeric(client, RPL_ISUPPORT,
            {"CASEMAPPING=ascii", "CHANTYPES=#", "CHANMODES=b,k,l,imnst", "PREFIX=(ov)@+", "MODES=4",
             "NETWORK=" + options_.network, "NICKLEN=32", "CHANNELLEN=51", "TOPICLEN=390",
             "CHATHISTORY=100", "MSGREFTYPES=msgid", "MONITOR=100", "SILENCE",
             "are supported by this server"});
    send_lusers(client, AfterLusers::motd);
    service_.set_variant(client.conn, variant_of(client.caps.enabled, true));
    // The account's rooms: joined as in the web app, with recent history.
    for (const auto& room : client.initial_rooms) {
        service_.command(client.conn, core::cmd::Join{room},
                         on_shard(client.conn, [this, room](Client& c, core::Result<core::Answer> a) {
                             if (!a) return fail(c, a.error(), "#" + room);
                             joined(c, std::get<core::answer::Joined>(a.value()));
                         }));
    }
    client.initial_rooms.clear();
}

}  // namespace parley::proto::irc
