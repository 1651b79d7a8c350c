#include "app/config.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace parley::app {

// Readable failure messages; gtest finds this by argument-dependent lookup.
void PrintTo(const Endpoint& endpoint, std::ostream* out) { *out << format_endpoint(endpoint); }

namespace {

namespace fs = std::filesystem;
using Environment = std::map<std::string, std::string>;
using Args = std::vector<std::string>;

std::variant<Invocation, ConfigErrors> run(const Args& args, const Environment& environment) {
    std::vector<const char*> argv{"parleyd"};
    for (const auto& arg : args) argv.push_back(arg.c_str());
    return parse_invocation(static_cast<int>(argv.size()), argv.data(), environment);
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

// The invocation, or a test failure listing the problems.
Invocation parse_ok(const Args& args, const Environment& environment = {}) {
    auto result = run(args, environment);
    if (const auto* errors = std::get_if<ConfigErrors>(&result)) {
        ADD_FAILURE() << "unexpected problems:\n" << joined(errors->problems);
        return {};
    }
    return std::get<Invocation>(std::move(result));
}

std::vector<std::string> parse_problems(const Args& args, const Environment& environment = {}) {
    auto result = run(args, environment);
    if (std::holds_alternative<Invocation>(result)) {
        ADD_FAILURE() << "parsed without problems";
        return {};
    }
    return std::get<ConfigErrors>(result).problems;
}

// std::string::contains is C++23.
bool has(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
    return std::ranges::any_of(lines, [&](const auto& line) { return has(line, text); });
}

// A fresh folder per test for config files, removed afterwards.
class ConfigFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "parley-config-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        folder_ = pattern;
    }
    void TearDown() override { fs::remove_all(folder_); }

    std::string write(const std::string& name, const std::string& text) {
        const fs::path file = folder_ / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }

    fs::path folder_;
};

TEST(Config, DefaultsFollowTheContract) {
    const Config config = parse_ok({}).config;
    EXPECT_EQ(config.data, fs::path("./data"));
    EXPECT_EQ(config.http, (Endpoint{"127.0.0.1", 8080}));
    EXPECT_EQ(config.irc, (Endpoint{"127.0.0.1", 6667}));
    EXPECT_FALSE(config.irc_tls);
    EXPECT_FALSE(config.tls_cert);
    EXPECT_FALSE(config.tls_key);
    EXPECT_TRUE(config.admins.empty());
    EXPECT_TRUE(config.limits);
    EXPECT_FALSE(config.guests);
    EXPECT_EQ(config.shards, 0u);
    EXPECT_TRUE(config.allowed_origins.empty());
    EXPECT_EQ(config.log_level, "info");
    EXPECT_EQ(config.irc_server.name, "parley.local");
    EXPECT_EQ(config.irc_server.network, "Parley");
    EXPECT_EQ(config.irc_server.password, "");
    EXPECT_EQ(config.irc_server.history_replay, 50);
    EXPECT_TRUE(config.irc_server.opers.empty());
}

struct FlagCase {
    Args args;
    std::function<void(const Config&)> check;
};

TEST(Config, EachFlagSetsItsSetting) {
    const std::vector<FlagCase> cases{
        {{"--data", "/srv/parley"}, [](auto& c) { EXPECT_EQ(c.data, "/srv/parley"); }},
        {{"--http", "0.0.0.0:80"},
         [](auto& c) {
             EXPECT_EQ(c.http, (Endpoint{"0.0.0.0", 80}));
         }},
        {{"--http=localhost:0"},
         [](auto& c) {
             EXPECT_EQ(c.http, (Endpoint{"localhost", 0}));
         }},
        {{"--irc", "10.0.0.1:7000"},
         [](auto& c) {
             EXPECT_EQ(c.irc, (Endpoint{"10.0.0.1", 7000}));
         }},
        {{"--irc", "off"}, [](auto& c) { EXPECT_FALSE(c.irc); }},
        {{"--tls-cert", "c.pem", "--tls-key", "k.pem", "--irc-tls", "0.0.0.0:6697"},
         [](auto& c) {
             EXPECT_EQ(c.tls_cert, fs::path("c.pem"));
             EXPECT_EQ(c.tls_key, fs::path("k.pem"));
             EXPECT_EQ(c.irc_tls, (Endpoint{"0.0.0.0", 6697}));
         }},
        {{"--admin", "alice", "--admin", "bob"},
         [](auto& c) {
             EXPECT_EQ(c.admins, (Args{"alice", "bob"}));
         }},
        {{"--shards", "1"}, [](auto& c) { EXPECT_EQ(c.shards, 1u); }},
        {{"--shards", "256"}, [](auto& c) { EXPECT_EQ(c.shards, 256u); }},
        {{"--limits", "off"}, [](auto& c) { EXPECT_FALSE(c.limits); }},
        {{"--limits", "on"}, [](auto& c) { EXPECT_TRUE(c.limits); }},
        {{"--guests", "on"}, [](auto& c) { EXPECT_TRUE(c.guests); }},
        {{"--guests", "off"}, [](auto& c) { EXPECT_FALSE(c.guests); }},
        {{"--log-level", "debug"}, [](auto& c) { EXPECT_EQ(c.log_level, "debug"); }},
        {{"--log-level", "WARN"}, [](auto& c) { EXPECT_EQ(c.log_level, "warn"); }},
        {{"--allowed-origin", "https://a.example", "--allowed-origin", "http://localhost:5173"},
         [](auto& c) {
             EXPECT_EQ(c.allowed_origins, (Args{"https://a.example", "http://localhost:5173"}));
         }},
        {{"--http", "127.0.0.1:1", "--http", "127.0.0.1:2"},
         [](auto& c) { EXPECT_EQ(c.http.port, 2); }},  // the last one wins
    };
    for (const auto& test : cases) {
        SCOPED_TRACE(joined(test.args));
        test.check(parse_ok(test.args).config);
    }
}

TEST(Config, EnvironmentVariablesSetTheirSettings) {
    const Config config = parse_ok({}, {{"PARLEY_DATA", "/var/lib/parley"},
                                        {"PARLEY_HTTP", "[::]:8081"},
                                        {"PARLEY_IRC", "off"},
                                        {"PARLEY_TLS_CERT", "/c.pem"},
                                        {"PARLEY_TLS_KEY", "/k.pem"},
                                        {"PARLEY_IRC_TLS", "127.0.0.1:7000"},
                                        {"PARLEY_ADMINS", " alice, bob,,carol "},
                                        {"PARLEY_SHARDS", "4"},
                                        {"PARLEY_LIMITS", "false"},
                                        {"PARLEY_GUESTS", "true"},
                                        {"PARLEY_LOG_LEVEL", "error"},
                                        {"PARLEY_ALLOWED_ORIGINS", "https://a.example,https://b"}})
                              .config;
    EXPECT_EQ(config.data, "/var/lib/parley");
    EXPECT_EQ(config.http, (Endpoint{"::", 8081}));
    EXPECT_FALSE(config.irc);
    EXPECT_EQ(config.tls_cert, fs::path("/c.pem"));
    EXPECT_EQ(config.tls_key, fs::path("/k.pem"));
    EXPECT_EQ(config.irc_tls, (Endpoint{"127.0.0.1", 7000}));
    EXPECT_EQ(config.admins, (Args{"alice", "bob", "carol"}));
    EXPECT_EQ(config.shards, 4u);
    EXPECT_FALSE(config.limits);
    EXPECT_TRUE(config.guests);
    EXPECT_EQ(config.log_level, "error");
    EXPECT_EQ(config.allowed_origins, (Args{"https://a.example", "https://b"}));
}

TEST(Config, EmptyVariablesCountAsUnset) {
    const Config config = parse_ok({}, {{"PARLEY_HTTP", ""}, {"PARLEY_CONFIG", ""}}).config;
    EXPECT_EQ(config.http, (Endpoint{"127.0.0.1", 8080}));
}

TEST(Config, PortZeroIsAccepted) {
    const Config config = parse_ok({"--http", "127.0.0.1:0", "--irc", "127.0.0.1:0"}).config;
    EXPECT_EQ(config.http.port, 0);
    EXPECT_EQ(config.irc->port, 0);
}

TEST(Config, Ipv6EndpointsUseBrackets) {
    const Config config = parse_ok({"--http", "[::1]:8080", "--irc", "[fe80::1]:6667"}).config;
    EXPECT_EQ(config.http, (Endpoint{"::1", 8080}));
    EXPECT_EQ(config.irc, (Endpoint{"fe80::1", 6667}));
    EXPECT_EQ(format_endpoint(config.http), "[::1]:8080");
    EXPECT_EQ(format_endpoint(Endpoint{"127.0.0.1", 80}), "127.0.0.1:80");
}

TEST(Config, TlsFilesBringTheIrcTlsListener) {
    const Config config = parse_ok({"--tls-cert", "c.pem", "--tls-key", "k.pem"}).config;
    EXPECT_EQ(config.irc_tls, (Endpoint{"127.0.0.1", 6697}));
}

struct BadCase {
    Args args;
    Environment environment;
    std::string named;  // the flag or variable and value each message must name
};

TEST(Config, EachBadValueIsNamed) {
    const std::vector<BadCase> cases{
        {{"--http", "localhost"}, {}, "--http is 'localhost'"},
        {{"--http", "127.0.0.1:65536"}, {}, "--http is '127.0.0.1:65536'"},
        {{"--http", "127.0.0.1:-1"}, {}, "--http"},
        {{"--http", "127.0.0.1:"}, {}, "--http"},
        {{"--http", ":8080"}, {}, "--http"},
        {{"--http", "::1:8080"}, {}, "--http is '::1:8080'"},
        {{"--http", "[127.0.0.1]:80"}, {}, "--http"},
        {{"--irc", "nope"}, {}, "--irc is 'nope'"},
        {{"--irc-tls", "off"}, {}, "--irc-tls is 'off'"},
        {{"--shards", "0"}, {}, "--shards is '0'"},
        {{"--shards", "257"}, {}, "--shards is '257'"},
        {{"--shards", "two"}, {}, "--shards is 'two'"},
        {{"--shards", "-1"}, {}, "--shards"},
        {{"--limits", "maybe"}, {}, "--limits is 'maybe'"},
        {{"--guests", "1"}, {}, "--guests is '1'"},
        {{"--log-level", "loud"}, {}, "--log-level is 'loud'"},
        {{"--allowed-origin", "chat.example.com"}, {}, "--allowed-origin is 'chat.example.com'"},
        {{"--allowed-origin", "https://a.example/path"}, {}, "--allowed-origin"},
        {{"--data", ""}, {}, "--data is ''"},
        {{"--admin", ""}, {}, "--admin is ''"},
        {{"--tls-cert", "c.pem"}, {}, "no TLS key"},
        {{"--tls-key", "k.pem"}, {}, "no TLS certificate"},
        {{"--irc-tls", "127.0.0.1:6697"}, {}, "IRC TLS address"},
        {{"--frobnicate"}, {}, "'--frobnicate'"},
        {{"stray"}, {}, "'stray'"},
        {{"--data"}, {}, "--data"},
        {{"--config", ""}, {}, "--config is ''"},
        {{}, {{"PARLEY_HTTP", "x:y"}}, "PARLEY_HTTP is 'x:y'"},
        {{}, {{"PARLEY_SHARDS", "1000"}}, "PARLEY_SHARDS is '1000'"},
        {{}, {{"PARLEY_LIMITS", "sometimes"}}, "PARLEY_LIMITS is 'sometimes'"},
        {{}, {{"PARLEY_GUESTS", "yes"}}, "PARLEY_GUESTS is 'yes'"},
        {{}, {{"PARLEY_CONFIG", "/nonexistent/parley.toml"}}, "PARLEY_CONFIG"},
    };
    for (const auto& test : cases) {
        SCOPED_TRACE(joined(test.args) + joined({test.named}));
        const auto problems = parse_problems(test.args, test.environment);
        ASSERT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_TRUE(has(problems[0], test.named)) << problems[0];
    }
}

TEST(Config, EveryProblemIsReportedAtOnce) {
    const auto problems = parse_problems(
        {"--http", "nowhere", "--shards", "0", "--limits", "maybe", "--bogus", "user", "frob"},
        {{"PARLEY_IRC", "x"}, {"PARLEY_GUESTS", "perhaps"}});
    EXPECT_EQ(problems.size(), 7u) << joined(problems);
    for (const auto* name :
         {"--http", "--shards", "--limits", "--bogus", "frob", "PARLEY_IRC", "PARLEY_GUESTS"}) {
        EXPECT_TRUE(mentions(problems, name)) << name << " missing from\n" << joined(problems);
    }
}

TEST(Config, UnknownEnvironmentVariableIsAWarning) {
    const auto invocation = parse_ok({}, {{"PARLEY_HTPP", "127.0.0.1:1"}});
    EXPECT_TRUE(mentions(invocation.warnings, "PARLEY_HTPP"));
}

TEST(Config, UserSubcommand) {
    struct Case {
        Args args;
        UserAction action;
        std::string name;
    };
    const std::vector<Case> cases{
        {{"user", "add", "alice"}, UserAction::add, "alice"},
        {{"user", "promote", "bob"}, UserAction::promote, "bob"},
        {{"user", "ban", "mallory"}, UserAction::ban, "mallory"},
        {{"--data", "/d", "user", "add", "carol"}, UserAction::add, "carol"},
        {{"user", "add", "dave", "--data", "/d"}, UserAction::add, "dave"},
    };
    for (const auto& test : cases) {
        SCOPED_TRACE(joined(test.args));
        const auto invocation = parse_ok(test.args);
        ASSERT_TRUE(invocation.user_command);
        EXPECT_EQ(invocation.user_command->action, test.action);
        EXPECT_EQ(invocation.user_command->name, test.name);
    }
    EXPECT_EQ(parse_ok({"user", "add", "dave", "--data", "/d"}).config.data, "/d");
    EXPECT_FALSE(parse_ok({}).user_command);
}

TEST(Config, BadUserSubcommands) {
    const std::vector<std::pair<Args, std::string>> cases{
        {{"user"}, "missing"},
        {{"user", "delete", "alice"}, "'delete'"},
        {{"user", "add"}, "NAME"},
        {{"user", "ban", "a", "b"}, "'b'"},
    };
    for (const auto& [args, named] : cases) {
        SCOPED_TRACE(joined(args));
        const auto problems = parse_problems(args);
        ASSERT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_TRUE(has(problems[0], named)) << problems[0];
    }
}

TEST(Config, HelpListsEveryFlagAndTheSubcommand) {
    const auto invocation = parse_ok({"--help"});
    EXPECT_TRUE(invocation.show_help);
    EXPECT_FALSE(invocation.show_version);
    for (const auto* flag : {"--config FILE",
                             "--data DIR",
                             "--http HOST:PORT",
                             "--irc HOST:PORT|off",
                             "--irc-tls HOST:PORT",
                             "--tls-cert FILE",
                             "--tls-key FILE",
                             "--admin NAME",
                             "--shards N",
                             "--limits on|off",
                             "--guests on|off",
                             "--log-level LEVEL",
                             "--allowed-origin ORIGIN",
                             "--help",
                             "--version",
                             "user add",
                             "user promote",
                             "user ban",
                             "127.0.0.1:8080",
                             "127.0.0.1:6667",
                             "./data"}) {
        EXPECT_TRUE(has(invocation.help_text, flag)) << flag;
    }
}

TEST(Config, HelpAndVersionSkipChecking) {
    const auto help = parse_ok({"--shards", "0", "--help"}, {{"PARLEY_HTTP", "bad"}});
    EXPECT_TRUE(help.show_help);
    const auto version = parse_ok({"--version", "--shards", "0"});
    EXPECT_TRUE(version.show_version);
    EXPECT_FALSE(version.show_help);
    EXPECT_EQ(parley_version(), "0.1.0");
}

TEST_F(ConfigFileTest, EveryKeyOfTheContract) {
    const auto file = write("parley.toml", R"(
data = "/srv/data"
http = "127.0.0.1:9080"
irc = "off"
irc_tls = "0.0.0.0:6697"
admins = ["alice"]
limits = false
guests = true
shards = 2
log_level = "debug"
allowed_origins = ["https://chat.example.com"]

[tls]
cert = "/etc/cert.pem"
key = "/etc/key.pem"

[irc_server]
name = "parley.example"
network = "Example"
password = "secret"
history_replay = 20

[[irc_server.opers]]
name = "operuser"
password = "operpassword"
)");
    const auto invocation = parse_ok({"--config", file});
    EXPECT_TRUE(invocation.warnings.empty()) << joined(invocation.warnings);
    const Config& config = invocation.config;
    EXPECT_EQ(config.data, "/srv/data");
    EXPECT_EQ(config.http, (Endpoint{"127.0.0.1", 9080}));
    EXPECT_FALSE(config.irc);
    EXPECT_EQ(config.irc_tls, (Endpoint{"0.0.0.0", 6697}));
    EXPECT_EQ(config.admins, Args{"alice"});
    EXPECT_FALSE(config.limits);
    EXPECT_TRUE(config.guests);
    EXPECT_EQ(config.shards, 2u);
    EXPECT_EQ(config.log_level, "debug");
    EXPECT_EQ(config.allowed_origins, Args{"https://chat.example.com"});
    EXPECT_EQ(config.tls_cert, fs::path("/etc/cert.pem"));
    EXPECT_EQ(config.tls_key, fs::path("/etc/key.pem"));
    EXPECT_EQ(config.irc_server.name, "parley.example");
    EXPECT_EQ(config.irc_server.network, "Example");
    EXPECT_EQ(config.irc_server.password, "secret");
    EXPECT_EQ(config.irc_server.history_replay, 20);
    EXPECT_EQ(config.irc_server.opers, (std::vector<IrcOper>{{"operuser", "operpassword"}}));
}

TEST_F(ConfigFileTest, FileThenEnvironmentThenFlags) {
    const auto file = write("parley.toml",
                            "http = \"127.0.0.1:1\"\nirc = \"127.0.0.1:1\"\n"
                            "shards = 1\n");
    const Environment environment{
        {"PARLEY_CONFIG", file}, {"PARLEY_IRC", "127.0.0.1:2"}, {"PARLEY_SHARDS", "2"}};
    const Config config = parse_ok({"--shards", "3"}, environment).config;
    EXPECT_EQ(config.http.port, 1);  // only the file sets it
    EXPECT_EQ(config.irc->port, 2);  // the environment beats the file
    EXPECT_EQ(config.shards, 3u);    // the flag beats both
}

TEST_F(ConfigFileTest, ConfigFlagBeatsConfigVariable) {
    const auto chosen = write("chosen.toml", "shards = 5\n");
    const Environment environment{{"PARLEY_CONFIG", folder_ / "missing.toml"}};
    EXPECT_EQ(parse_ok({"--config", chosen}, environment).config.shards, 5u);
}

TEST_F(ConfigFileTest, AdminsFromEverySourceAreMerged) {
    const auto file = write("parley.toml", "admins = [\"alice\", \"bob\"]\n");
    const Config config = parse_ok({"--config", file, "--admin", "dave", "--admin", "alice"},
                                   {{"PARLEY_ADMINS", "carol,bob"}})
                              .config;
    EXPECT_EQ(config.admins, (Args{"alice", "bob", "carol", "dave"}));
}

TEST_F(ConfigFileTest, HigherSourceReplacesAllowedOrigins) {
    const auto file = write("parley.toml", "allowed_origins = [\"https://a.example\"]\n");
    const Config config =
        parse_ok({"--config", file}, {{"PARLEY_ALLOWED_ORIGINS", "https://b.example"}}).config;
    EXPECT_EQ(config.allowed_origins, Args{"https://b.example"});
}

TEST_F(ConfigFileTest, RelativePathsAreTakenFromTheFilesFolder) {
    const auto file = write(
        "etc/parley.toml", "data = \"./data\"\n[tls]\ncert = \"tls/cert.pem\"\nkey = \"/k.pem\"\n");
    const Config config = parse_ok({"--config", file}).config;
    EXPECT_EQ(config.data, folder_ / "etc" / "data");
    EXPECT_EQ(config.tls_cert, folder_ / "etc" / "tls" / "cert.pem");
    EXPECT_EQ(config.tls_key, fs::path("/k.pem"));
    // Paths given as flags stay relative to the working directory.
    EXPECT_EQ(parse_ok({"--config", file, "--data", "d"}).config.data, "d");
}

TEST_F(ConfigFileTest, UnknownKeysAreWarnings) {
    const auto file = write("parley.toml",
                            "future_feature = 1\n[tls]\nciphers = \"x\"\n[irc_server]\nmotd = "
                            "\"hi\"\n[[irc_server.opers]]\nname = \"o\"\npassword = \"p\"\n"
                            "class = \"x\"\n[plugins]\nx = 1\n");
    const auto invocation = parse_ok({"--config", file});
    EXPECT_EQ(invocation.warnings.size(), 5u) << joined(invocation.warnings);
    EXPECT_TRUE(mentions(invocation.warnings, "unknown config key 'future_feature' in " + file));
    for (const auto* key :
         {"'tls.ciphers'", "'irc_server.motd'", "'irc_server.opers.class'", "'plugins'"}) {
        EXPECT_TRUE(mentions(invocation.warnings, key)) << key;
    }
}

TEST_F(ConfigFileTest, EachBadFileValueIsNamed) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"http = 8080", "'http' in"},
        {"http = \"127.0.0.1:99999\"", "'http' in"},
        {"irc = \"sometimes\"", "'irc' in"},
        {"shards = 0", "'shards' in"},
        {"shards = 300", "'shards' in"},
        {"shards = \"2\"", "'shards' in"},
        {"limits = \"maybe\"", "'limits' in"},
        {"guests = 1", "'guests' in"},
        {"admins = \"alice\"", "'admins' in"},
        {"admins = [\"alice\", 2]", "'admins' in"},
        {"log_level = \"chatty\"", "'log_level' in"},
        {"tls = \"yes\"", "'tls' in"},
        {"[tls]\ncert = \"c.pem\"", "no TLS key"},
        {"[irc_server]\nname = \"two words\"", "'irc_server.name' in"},
        {"[irc_server]\nhistory_replay = -1", "'irc_server.history_replay' in"},
        {"[[irc_server.opers]]\nname = \"o\"", "irc_server.opers"},
        {"data = [", "not valid TOML"},
    };
    for (const auto& [text, named] : cases) {
        SCOPED_TRACE(text);
        const auto file = write("parley.toml", text + "\n");
        const auto problems = parse_problems({"--config", file});
        ASSERT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_TRUE(has(problems[0], named)) << problems[0];
    }
}

TEST_F(ConfigFileTest, ProblemsFromEverySourceComeTogether) {
    const auto file = write("parley.toml", "shards = 0\nhttp = \"nowhere\"\n");
    const auto problems =
        parse_problems({"--config", file, "--limits", "maybe"}, {{"PARLEY_IRC", "x"}});
    EXPECT_EQ(problems.size(), 4u) << joined(problems);
}

TEST_F(ConfigFileTest, MissingFileIsAProblem) {
    const auto missing = (folder_ / "missing.toml").string();
    const auto problems = parse_problems({"--config", missing});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(has(problems[0], missing)) << problems[0];
    EXPECT_TRUE(has(problems[0], "--config")) << problems[0];
    EXPECT_TRUE(mentions(parse_problems({"--config", folder_.string()}), "folder"));
}

TEST_F(ConfigFileTest, EmptyFileKeepsTheDefaults) {
    const auto file = write("parley.toml", "");
    EXPECT_EQ(parse_ok({"--config", file}).config.http, (Endpoint{"127.0.0.1", 8080}));
}

TEST(Config, MediaLimitsAndPublicUrl) {
    const auto defaults = parse_ok({}).config;
    EXPECT_EQ(defaults.avatar_max_bytes, 4u << 20);
    EXPECT_EQ(defaults.file_max_bytes, 25u << 20);
    EXPECT_EQ(defaults.file_quota_bytes, 1u << 30);
    EXPECT_EQ(defaults.public_url, "");
    const auto config = parse_ok({"--avatar-max-bytes", "1000", "--file-max-bytes", "2MiB",
                                  "--public-url", "https://chat.example.com/"},
                                 {{"PARLEY_FILE_QUOTA_BYTES", "3GiB"}})
                            .config;
    EXPECT_EQ(config.avatar_max_bytes, 1000u);
    EXPECT_EQ(config.file_max_bytes, 2u << 20);
    EXPECT_EQ(config.file_quota_bytes, 3ull << 30);
    EXPECT_EQ(config.public_url, "https://chat.example.com");
    for (const char* bad : {"0", "-1", "4MB", "lots", "2048GiB"}) {
        EXPECT_TRUE(mentions(parse_problems({"--file-max-bytes", bad}), "--file-max-bytes")) << bad;
    }
    EXPECT_TRUE(mentions(parse_problems({"--public-url", "chat.example.com"}), "--public-url"));
}

TEST_F(ConfigFileTest, SizesMayBeIntegersOrStrings) {
    const auto file = write("parley.toml", "avatar_max_bytes = 5000\nfile_max_bytes = \"1MiB\"\n");
    const auto config = parse_ok({"--config", file}).config;
    EXPECT_EQ(config.avatar_max_bytes, 5000u);
    EXPECT_EQ(config.file_max_bytes, 1u << 20);
    EXPECT_TRUE(
        mentions(parse_problems({"--config", write("bad.toml", "file_quota_bytes = true\n")}),
                 "'file_quota_bytes' in"));
}

}  // namespace
}  // namespace parley::app
