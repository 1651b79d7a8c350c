#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parley::app {

// A listen address, written "HOST:PORT", or "[::1]:PORT" for IPv6 (host stored without brackets).
struct Endpoint {
    std::string host;
    std::uint16_t port;

    bool operator==(const Endpoint&) const = default;
};

// "HOST:PORT", with the brackets back around an IPv6 host.
std::string format_endpoint(const Endpoint& endpoint);

struct IrcOper {
    std::string name;
    std::string password;

    bool operator==(const IrcOper&) const = default;
};

// Everything parleyd needs to start: defaults, then the TOML file, then PARLEY_* environment
// variables, then command-line flags. See the "Command line" section of the API contract.
struct Config {
    std::filesystem::path data = "./data";
    Endpoint http{"127.0.0.1", 8080};
    std::optional<Endpoint> irc = Endpoint{"127.0.0.1", 6667};  // nullopt: "off"
    // Set only when TLS is configured (then 127.0.0.1:6697 unless given).
    std::optional<Endpoint> irc_tls;
    std::optional<std::filesystem::path> tls_cert, tls_key;  // both or neither
    std::vector<std::string> admins;
    bool limits = true;
    bool guests = false;
    unsigned shards = 0;                       // 0: one shard per core
    std::vector<std::string> allowed_origins;  // WebSocket origins accepted besides our own
    std::string log_level = "info";            // trace|debug|info|warn|error
    std::filesystem::path web_root;            // empty: the folder "web" beside the binary
    std::uint64_t avatar_max_bytes = 4ull << 20;  // largest avatar upload
    std::uint64_t file_max_bytes = 25ull << 20;   // largest file upload
    std::uint64_t file_quota_bytes = 1ull << 30;  // all files of one user together
    // Base of the absolute links IRC users get for files; empty: http:// and the
    // HTTP listen address. Stored without a trailing '/'.
    std::string public_url;
    struct IrcServer {
        std::string name = "parley.local";
        std::string network = "Parley";
        std::string password;     // empty: no server password
        int history_replay = 50;  // lines replayed on JOIN to clients without chathistory
        std::vector<IrcOper> opers;
    } irc_server;
};

enum class UserAction { add, promote, ban };

// `parleyd user add|promote|ban NAME`
struct UserCommand {
    UserAction action;
    std::string name;
};

struct Invocation {
    Config config;
    std::optional<UserCommand> user_command;  // set for the `user` subcommand
    bool show_help = false;                   // --help: print help_text, exit 0
    std::string help_text;
    bool show_version = false;          // --version: print parley_version(), exit 0
    std::vector<std::string> warnings;  // unknown config keys etc.: to log, not fatal
};

// Every problem found, each a sentence naming the flag, variable or key and its value.
// main() prints them all and exits with code 2.
struct ConfigErrors {
    std::vector<std::string> problems;
};

// Parses argv (argv[0] included) and the environment; the environment is a parameter so that
// tests need no setenv. With --help or --version the rest is not checked.
std::variant<Invocation, ConfigErrors> parse_invocation(
    int argc, const char* const* argv, const std::map<std::string, std::string>& environment);

// The PARLEY_* entries of this process's environment.
std::map<std::string, std::string> current_environment();

std::string_view parley_version();

}  // namespace parley::app
