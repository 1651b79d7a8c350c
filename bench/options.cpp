#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace parley::bench {

namespace {

constexpr std::size_t default_fanout_clients = 100;
constexpr std::size_t default_idle_clients = 2000;  // and reconnect
constexpr std::size_t default_rooms_clients = 1000;
constexpr std::size_t default_idle_users = 50;
constexpr std::size_t default_rooms_users =
    1000;  // ~80 s of argon2: one per room at 10,000 clients
constexpr std::size_t default_history_senders = 4;
constexpr std::size_t default_window = 16;
constexpr std::size_t default_history_window = 256;

struct ScenarioName {
    const char* name;
    Scenario scenario;
};
constexpr ScenarioName scenario_names[] = {{"fanout", Scenario::fanout},
                                           {"idle", Scenario::idle},
                                           {"rooms", Scenario::rooms},
                                           {"history", Scenario::history},
                                           {"reconnect", Scenario::reconnect}};

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
                   "connections (default 100 for fanout, 2000 for idle, 1000 for rooms)")
        ->check(CLI::Range(1, 19000));
    app.add_option("--source-addresses", options.source_addresses,
                   "clients connect from 127.0.0.1 .. 127.0.0.N")
        ->check(CLI::Range(1, 254))
        ->capture_default_str();
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
}

void add_scenario_options(CLI::App& app, BenchOptions& options) {
    app.add_option("--senders", options.senders,
                   "fanout: clients that also send (default 1); history: sending connections "
                   "(default 4)")
        ->check(CLI::Range(1, 1000));
    app.add_option("--window", options.window,
                   "messages in flight per sender (default 16; history 256)")
        ->check(CLI::Range(1, 4096));
    app.add_option("--rate", options.rate,
                   "fanout: messages/s over all senders, on a schedule; 0: closed loop")
        ->check(CLI::Range(0.0, 1e6))
        ->capture_default_str();
    app.add_option("--room-size", options.room_size, "rooms: clients per room")
        ->check(CLI::Range(2, 1000))
        ->capture_default_str();
    app.add_option("--rate-per-client", options.rate_per_client,
                   "rooms: messages/s each client sends, on a schedule")
        ->check(CLI::Range(0.01, 1000.0))
        ->capture_default_str();
    app.add_option("--messages", options.messages, "history: messages to fill the room with")
        ->check(CLI::Range(100, 10000000))
        ->capture_default_str();
    app.add_option("--page-size", options.page_size, "history: messages per page read back")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    app.add_option("--fill-timeout", options.fill_timeout_s,
                   "history: seconds at most for filling, and again for reading back")
        ->check(CLI::Range(1.0, 3600.0))
        ->capture_default_str();
    app.add_option("--duration", options.duration_s, "fanout, rooms: measured seconds")
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
    app.add_option("--users", options.users,
                   "WebSocket: accounts the connections share (default: idle 50, fanout one per "
                   "client, rooms min(clients, 1000))")
        ->check(CLI::Range(1, 19000));
}

std::size_t default_clients(Scenario scenario) {
    switch (scenario) {
        case Scenario::idle:
        case Scenario::reconnect:
            return default_idle_clients;
        case Scenario::rooms:
            return default_rooms_clients;
        case Scenario::history:  // the senders are the clients
        case Scenario::fanout:
            break;
    }
    return default_fanout_clients;
}

std::size_t default_users(const BenchOptions& options) {
    switch (options.scenario) {
        case Scenario::idle:
        case Scenario::reconnect:
            return std::min(options.clients, default_idle_users);
        case Scenario::rooms:
            return std::min(options.clients, default_rooms_users);
        case Scenario::history:
        case Scenario::fanout:
            break;
    }
    return options.clients;
}

void fill_defaults(BenchOptions& options) {
    bool history = options.scenario == Scenario::history;
    if (options.senders == 0) options.senders = history ? default_history_senders : 1;
    if (history) options.clients = options.senders;
    if (options.clients == 0) options.clients = default_clients(options.scenario);
    if (options.users == 0) options.users = default_users(options);
    if (options.window == 0) options.window = history ? default_history_window : default_window;
}

// The combinations that make no sense; empty when there is none.
std::string check(const BenchOptions& options) {
    bool fanout = options.scenario == Scenario::fanout;
    if (fanout && options.clients < 2) return "--clients: fanout needs at least 2 clients";
    if (fanout && options.senders > options.clients) {
        return "--senders: at most --clients (" + std::to_string(options.clients) + ")";
    }
    if (options.scenario == Scenario::rooms && options.clients < options.room_size) {
        return "--clients: rooms needs at least --room-size clients";
    }
    if (options.target != Server::parley && options.protocol != Protocol::irc) {
        return "--target: ngircd and inspircd need --protocol irc";
    }
    if (options.scenario == Scenario::reconnect && options.target != Server::parley) {
        return "--target: reconnect needs parleyd's accounts (parley)";
    }
    if (options.scenario == Scenario::history && options.protocol != Protocol::ws) {
        return "history: WebSocket only (IRC has no history paging)";
    }
    if (options.users > options.clients) return "--users: at most --clients";
    return {};
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
               for (const auto& known : scenario_names) {
                   if (value == known.name) options.scenario = known.scenario;
               }
           },
           "fanout | idle | rooms | history | reconnect")
        ->required()
        ->check(CLI::IsMember({"fanout", "idle", "rooms", "history", "reconnect"}));
    add_run_options(app, options);
    add_scenario_options(app, options);
    add_irc_options(app, options);
    add_reconnect_options(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        std::exit(app.exit(error) == 0 ? 0 : 2);
    }
    fill_defaults(options);
    std::string problem = check(options);
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::exit(2);
    }
    return options;
}

const char* scenario_name(Scenario scenario) {
    for (const auto& known : scenario_names) {
        if (known.scenario == scenario) return known.name;
    }
    return "?";
}

}  // namespace parley::bench
