#include "options.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

namespace parley::bench {

namespace {

constexpr std::size_t default_fanout_clients = 100;
constexpr std::size_t default_idle_clients = 2000;  // and reconnect

void add_run_options(CLI::App& app, BenchOptions& options) {
    app.add_option("--parleyd", options.parleyd, "the server binary")->capture_default_str();
    app.add_option("--shards", options.shards, "the server's --shards")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    app.add_option_function<std::string>(
           "--pin",
           [&options](const std::string& value) {
               options.pinning = value == "on" ? Pinning::on : Pinning::off;
           },
           "on: server on the first allowed CPU (like taskset -c 0), bench on the others; off")
        ->check(CLI::IsMember({"on", "off"}))
        ->default_str("on");
    app.add_option("--threads", options.threads, "bench threads (one io_context each)")
        ->check(CLI::Range(1, 16))
        ->capture_default_str();
    app.add_option("--clients", options.clients,
                   "connections (default 100 for fanout, 2000 for idle)")
        ->check(CLI::Range(1, 19000));
    app.add_option("--server-log", options.server_log, "save the server's log to this file");
    app.add_option("--register-concurrency", options.register_concurrency,
                   "registrations in flight at once")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    app.add_option("--connect-concurrency", options.connect_concurrency,
                   "connections being opened at once")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
}

void add_irc_options(CLI::App& app, BenchOptions& options) {
    app.add_option_function<std::string>(
           "--protocol",
           [&options](const std::string& value) {
               options.protocol = value == "irc" ? Protocol::irc : Protocol::ws;
           },
           "ws: parleyd's WebSocket API; irc: plain IRC (parleyd's gateway with guests, or a peer)")
        ->check(CLI::IsMember({"ws", "irc"}))
        ->default_str("ws");
    app.add_option_function<std::string>(
           "--target",
           [&options](const std::string& value) {
               options.target = value == "ngircd"     ? Server::ngircd
                                : value == "inspircd" ? Server::inspircd
                                                      : Server::parley;
           },
           "the server under test; ngircd and inspircd need --protocol irc")
        ->check(CLI::IsMember({"parley", "ngircd", "inspircd"}))
        ->default_str("parley");
    app.add_option("--ngircd", options.ngircd, "ngIRCd's binary")->capture_default_str();
    app.add_option("--inspircd", options.inspircd, "InspIRCd's binary")->capture_default_str();
    app.add_option("--peers-dir", options.peers_dir, "where ngircd.conf.in, inspircd.conf.in are")
        ->capture_default_str();
    app.add_option("--source-addresses", options.source_addresses,
                   "IRC: clients connect from 127.0.0.1 .. 127.0.0.N")
        ->check(CLI::Range(1, 254))
        ->capture_default_str();
}

void add_scenario_options(CLI::App& app, BenchOptions& options) {
    app.add_option("--senders", options.senders, "fanout: clients that also send")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    app.add_option("--window", options.window, "fanout: messages in flight per sender")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    app.add_option("--duration", options.duration_s, "fanout: measured seconds")
        ->check(CLI::Range(0.5, 600.0))
        ->capture_default_str();
    app.add_option("--warmup", options.warmup_s, "fanout: seconds sent but not measured")
        ->check(CLI::Range(0.0, 60.0))
        ->capture_default_str();
    app.add_option("--drain", options.drain_s, "fanout: seconds to wait for late deliveries")
        ->check(CLI::Range(0.1, 60.0))
        ->capture_default_str();
    app.add_option("--text-bytes", options.text_bytes, "fanout: length of each message text")
        ->check(CLI::Range(40, 4000))
        ->capture_default_str();
    app.add_option("--users", options.users, "idle, reconnect: accounts the connections share")
        ->check(CLI::Range(1, 2000))
        ->capture_default_str();
}

void add_reconnect_options(CLI::App& app, BenchOptions& options) {
    app.add_option_function<std::string>(
           "--drop",
           [&options](const std::string& value) {
               options.drop = value == "close" ? Drop::close : Drop::restart;
           },
           "reconnect: restart the server (SIGTERM, same data and ports), or close the sockets")
        ->check(CLI::IsMember({"restart", "close"}))
        ->default_str("restart");
    app.add_option_function<std::string>(
           "--irc-secret",
           [&options](const std::string& value) {
               options.irc_secret = value == "token" ? IrcSecret::token : IrcSecret::password;
           },
           "reconnect over IRC: SASL PLAIN sends the password or a session token")
        ->check(CLI::IsMember({"password", "token"}))
        ->default_str("password");
}

}  // namespace

BenchOptions parse_options(int argc, char** argv) {
    BenchOptions options;
    CLI::App app{
        "Load generator for parleyd's WebSocket API and for IRC servers (parleyd, ngIRCd, "
        "InspIRCd): starts its own server on 127.0.0.1 and prints figures."};
    app.add_option_function<std::string>(
           "scenario",
           [&options](const std::string& value) {
               options.scenario = value == "fanout"      ? Scenario::fanout
                                  : value == "reconnect" ? Scenario::reconnect
                                                         : Scenario::idle;
           },
           "fanout | idle | reconnect")
        ->required()
        ->check(CLI::IsMember({"fanout", "idle", "reconnect"}));
    add_run_options(app, options);
    add_scenario_options(app, options);
    add_irc_options(app, options);
    add_reconnect_options(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        std::exit(app.exit(error) == 0 ? 0 : 2);
    }
    if (options.clients == 0) {
        options.clients =
            options.scenario == Scenario::fanout ? default_fanout_clients : default_idle_clients;
    }
    if (options.scenario == Scenario::fanout && options.clients < 2) {
        std::fprintf(stderr, "--clients: fanout needs at least 2 clients\n");
        std::exit(2);
    }
    if (options.scenario == Scenario::fanout && options.senders > options.clients) {
        std::fprintf(stderr, "--senders: at most --clients (%zu)\n", options.clients);
        std::exit(2);
    }
    if (options.scenario == Scenario::reconnect && options.target != Server::parley) {
        std::fprintf(stderr, "--target: reconnect needs parleyd's accounts (parley)\n");
        std::exit(2);
    }
    if (options.target != Server::parley && options.protocol != Protocol::irc) {
        std::fprintf(stderr, "--target: ngircd and inspircd need --protocol irc\n");
        std::exit(2);
    }
    return options;
}

const char* scenario_name(Scenario scenario) {
    switch (scenario) {
        case Scenario::fanout:
            return "fanout";
        case Scenario::idle:
            return "idle";
        case Scenario::reconnect:
            return "reconnect";
    }
    return "?";
}

}  // namespace parley::bench
