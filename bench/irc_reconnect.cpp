// reconnect over IRC: every client signs in to parleyd's gateway with SASL
// PLAIN as its account (not a guest), with the password or a session token,
// and counts as back at 001.
#include <boost/asio/this_coro.hpp>

#include "irc_connection.hpp"
#include "irc_line.hpp"
#include "reconnect_run.hpp"

namespace parley::bench {

namespace {

using namespace std::chrono_literals;
// parleyd gives a registration 60 s; argon2 queued for every client can take longer.
constexpr auto sasl_timeout = 90s;
constexpr std::size_t max_lines_before_welcome = 200;

std::string base64(std::string_view in) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        std::uint32_t chunk = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) chunk |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size()) chunk |= static_cast<unsigned char>(in[i + 2]);
        for (std::size_t k = 0; k < 4; ++k) {
            out += i + k <= in.size() ? alphabet[(chunk >> (18 - 6 * k)) & 63] : '=';
        }
    }
    return out;
}

// CAP LS, CAP REQ :sasl, NICK, USER and AUTHENTICATE PLAIN at once; the
// credentials after "AUTHENTICATE +", CAP END after 903; done at 001.
boost::asio::awaitable<void> sign_in_sasl(IrcConnection& connection, std::string username,
                                          std::string secret) {
    for (auto line : {"CAP LS 302", "CAP REQ :sasl"}) connection.send(line);
    connection.send("NICK " + username);
    connection.send("USER " + username + " 0 * :bench");
    connection.send("AUTHENTICATE PLAIN");
    for (std::size_t lines = 0; lines < max_lines_before_welcome; ++lines) {
        std::string text = co_await connection.read_line();
        irc::Line line;
        if (!irc::parse(text, line)) continue;
        if (line.command == "001") co_return;
        if (line.command == "AUTHENTICATE" && line.param(0) == "+") {
            connection.send("AUTHENTICATE " +
                            base64(std::string(1, '\0') + username + '\0' + secret));
        } else if (line.command == "903") {
            connection.send("CAP END");
        } else if (line.command == "ERROR" || irc::is_error_numeric(line.command) ||
                   (line.command.size() == 3 && line.command[0] == '9' && line.command != "900" &&
                    line.command != "903")) {
            throw std::runtime_error(username + " refused: " + text);
        }
    }
    throw std::runtime_error(username + ": no 001 within " +
                             std::to_string(max_lines_before_welcome) + " lines");
}

}  // namespace

int run_irc_reconnect(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    HarnessOptions setup = harness_options(options, placement);
    setup.irc = true;
    Harness harness(setup);
    WaveSlots<IrcConnection> slots(options.clients);
    ReconnectClients clients;
    StopGuard stop_guard(harness);  // the order of these: see harness.hpp
    auto& server = harness.server();
    bool token = options.irc_secret == IrcSecret::token;
    clients.sign_in = [&slots, &server, token](std::size_t index, const Account& account,
                                               unsigned source) -> boost::asio::awaitable<void> {
        auto connection =
            std::make_shared<IrcConnection>(co_await boost::asio::this_coro::executor);
        // A named secret: GCC 12 destroys a conditional's temporary twice around co_await.
        std::string secret = token ? account.token : std::string(bench_password);
        co_await connection->open(server.irc_port(), source, sasl_timeout);
        co_await sign_in_sasl(*connection, account.username, std::move(secret));
        slots.keep(index, std::move(connection));
    };
    use_slots(clients, slots);
    clients.protocol = "irc";
    clients.secret = token ? "token" : "password";
    clients.signed_in_as = std::string("SASL PLAIN with the account's ") +
                           (token ? "session token" : "password") + ": 903, then 001";
    clients.attempt_timeout = sasl_timeout;
    return run_reconnect_with(harness, options, placement, clients);
}

}  // namespace parley::bench
