// Command line of ws_bench. Every count and duration has an upper bound, so
// every loop of a run is bounded in count and in time.
#pragma once

#include <cstddef>
#include <string>

namespace parley::bench {

enum class Scenario { fanout, idle, rooms, history, reconnect };
enum class Pinning { on, off };
enum class Protocol { ws, irc };
enum class Server { parley, ngircd, inspircd };
enum class Drop { restart, close };      // reconnect: restart the server, or close the sockets
enum class IrcSecret { password, token };  // reconnect over IRC: what SASL PLAIN sends

struct BenchOptions {
    Scenario scenario = Scenario::fanout;
    Protocol protocol = Protocol::ws;
    Server target = Server::parley;  // ngircd and inspircd speak IRC only
    std::string ngircd = "/usr/sbin/ngircd";
    std::string inspircd = "/usr/sbin/inspircd";
    std::string peers_dir = "bench/peers";  // <target>.conf.in
    unsigned source_addresses = 8;          // connect from 127.0.0.1 .. 127.0.0.N
    std::string parleyd = "build/parleyd";
    int shards = 1;
    Pinning pinning = Pinning::on;
    std::size_t threads = 1;
    std::size_t clients = 0;         // 0: the scenario's default
    std::size_t senders = 0;         // 0: the scenario's default (fanout 1, history 4)
    std::size_t window = 0;          // 0: the scenario's default (16; history 256)
    double rate = 0;                 // fanout: messages/s over all senders; 0: closed loop
    std::size_t room_size = 10;      // rooms
    double rate_per_client = 1;      // rooms: messages/s each client sends
    std::size_t messages = 1000000;  // history: messages to fill the room with
    std::size_t page_size = 100;     // history: messages per page read back
    double fill_timeout_s = 300;     // history: bound on filling, and on reading back
    double duration_s = 10;
    double warmup_s = 1;
    double drain_s = 5;
    std::size_t users = 0;  // accounts the connections share; 0: the scenario's default
    std::size_t text_bytes = 100;
    std::size_t register_concurrency = 8;
    std::size_t connect_concurrency = 64;
    std::string server_log;  // where to save the server's log; empty: nowhere
    Drop drop = Drop::restart;
    IrcSecret irc_secret = IrcSecret::password;
};

// Exits the process on --help (0) or on a bad command line (2).
BenchOptions parse_options(int argc, char** argv);

const char* scenario_name(Scenario scenario);

}  // namespace parley::bench
