#pragma once

// The settings that the config file, the environment and the flags share, as one table, and the
// step that checks one source's values and lays them over the lower sources.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"

namespace parley::app::detail {

// The text of one setting from one source, before it is checked.
struct RawValue {
    std::string text;
    std::string where;  // names the source in messages: "--http", "PARLEY_HTTP", "config key ..."
};

struct RawList {
    std::vector<std::string> items;
    std::string where;
};

// One source's settings; what a source leaves unset keeps the value of the sources below it.
struct RawSettings {
    std::optional<RawValue> data, http, irc, irc_tls, tls_cert, tls_key, shards, limits, guests,
        log_level, web_root, avatar_max_bytes, file_max_bytes, file_quota_bytes, public_url;
    std::optional<RawList> admins, allowed_origins;
};

// What the config file must hold for a setting; paths are also resolved against its folder.
// size: a number of bytes, written as an integer or as a string such as "4MiB".
enum class ValueKind { text, path, integer, boolean, size };

// One setting under its three names. Flags, variables, file keys and --help come from this table,
// so a new setting cannot be forgotten in one of them.
struct ScalarSetting {
    std::string_view key;  // in the config file; "tls.cert" is cert in [tls]
    std::string_view variable;
    std::string_view flag;
    std::string_view value_name;  // shown in --help
    std::string_view help;
    ValueKind kind;
    std::optional<RawValue> RawSettings::*field;
};

struct ListSetting {
    std::string_view key;
    std::string_view variable;  // comma-separated
    std::string_view flag;      // repeatable
    std::string_view value_name;
    std::string_view help;
    std::optional<RawList> RawSettings::*field;
};

std::span<const ScalarSetting> scalar_settings();
std::span<const ListSetting> list_settings();

// Checks every value of `layer` and writes the valid ones into `config`; each invalid one adds a
// sentence to `problems`, so one run reports them all.
void apply_settings(Config& config, const RawSettings& layer, std::vector<std::string>& problems);

// Rules across settings, once every source is in: TLS files come in pairs, and the IRC TLS
// listener exists exactly when TLS does.
void check_combinations(Config& config, std::vector<std::string>& problems);

// "WHERE is 'TEXT': REASON."
std::string describe_problem(std::string_view where, std::string_view text,
                             std::string_view reason);

}  // namespace parley::app::detail
