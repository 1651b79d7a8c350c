#include "app/config_settings.hpp"

#include <algorithm>
#include <array>

#include "app/config_values.hpp"

namespace parley::app::detail {
namespace {

constexpr std::array<ScalarSetting, 15> scalars{{
    {"data", "PARLEY_DATA", "--data", "DIR",
     "Folder of the database and uploaded files. Default: ./data", ValueKind::path,
     &RawSettings::data},
    {"http", "PARLEY_HTTP", "--http", "HOST:PORT",
     "Address of the web client, REST API and WebSocket; port 0 picks a free port. "
     "Default: 127.0.0.1:8080",
     ValueKind::text, &RawSettings::http},
    {"irc", "PARLEY_IRC", "--irc", "HOST:PORT|off",
     "Address of the plain IRC listener, or off. Default: 127.0.0.1:6667", ValueKind::text,
     &RawSettings::irc},
    {"irc_tls", "PARLEY_IRC_TLS", "--irc-tls", "HOST:PORT",
     "Address of the IRC-over-TLS listener; needs --tls-cert and --tls-key. "
     "Default: 127.0.0.1:6697 when TLS is configured",
     ValueKind::text, &RawSettings::irc_tls},
    {"tls.cert", "PARLEY_TLS_CERT", "--tls-cert", "FILE",
     "TLS certificate chain (PEM); needs --tls-key. Default: none, no TLS", ValueKind::path,
     &RawSettings::tls_cert},
    {"tls.key", "PARLEY_TLS_KEY", "--tls-key", "FILE",
     "Private key (PEM) of --tls-cert. Default: none", ValueKind::path, &RawSettings::tls_key},
    {"shards", "PARLEY_SHARDS", "--shards", "N",
     "Number of network threads, 1 to 256. Default: one per CPU core", ValueKind::integer,
     &RawSettings::shards},
    {"limits", "PARLEY_LIMITS", "--limits", "on|off",
     "Rate limits, flood control and per-address connection caps; off is for tests and "
     "benchmarks on loopback. Default: on",
     ValueKind::boolean, &RawSettings::limits},
    {"guests", "PARLEY_GUESTS", "--guests", "on|off",
     "Let IRC clients without an account join under a nick that no account owns. Default: off",
     ValueKind::boolean, &RawSettings::guests},
    {"log_level", "PARLEY_LOG_LEVEL", "--log-level", "LEVEL",
     "Least severe log events written: trace, debug, info, warn or error. Default: info",
     ValueKind::text, &RawSettings::log_level},
    {"web_root", "PARLEY_WEB_ROOT", "--web-root", "DIR",
     "Folder of the built web client served at /. Default: the folder web beside the parleyd "
     "binary",
     ValueKind::path, &RawSettings::web_root},
    {"avatar_max_bytes", "PARLEY_AVATAR_MAX_BYTES", "--avatar-max-bytes", "BYTES",
     "Largest profile picture upload, in bytes (or with KiB, MiB, GiB). Default: 4MiB",
     ValueKind::size, &RawSettings::avatar_max_bytes},
    {"file_max_bytes", "PARLEY_FILE_MAX_BYTES", "--file-max-bytes", "BYTES",
     "Largest file upload, in bytes (or with KiB, MiB, GiB). Default: 25MiB", ValueKind::size,
     &RawSettings::file_max_bytes},
    {"file_quota_bytes", "PARLEY_FILE_QUOTA_BYTES", "--file-quota-bytes", "BYTES",
     "Room for the files of one user, in bytes (or with KiB, MiB, GiB). Default: 1GiB",
     ValueKind::size, &RawSettings::file_quota_bytes},
    {"public_url", "PARLEY_PUBLIC_URL", "--public-url", "URL",
     "Address people reach the web client at, for the file links IRC users get, such as "
     "https://chat.example.com. Default: http:// and the --http address",
     ValueKind::text, &RawSettings::public_url},
}};

constexpr std::array<ListSetting, 2> lists{{
    {"admins", "PARLEY_ADMINS", "--admin", "NAME",
     "Make this account an admin; repeat for more. Admins named in the config file, "
     "PARLEY_ADMINS and flags all count. Default: none",
     &RawSettings::admins},
    {"allowed_origins", "PARLEY_ALLOWED_ORIGINS", "--allowed-origin", "ORIGIN",
     "Also accept WebSocket connections from pages of this origin, such as "
     "https://chat.example.com; repeat for more. Default: only the server's own",
     &RawSettings::allowed_origins},
}};

// Stores the parsed value of `raw` through `store`, or records why it was refused.
template <typename Parser, typename Store>
void apply(const std::optional<RawValue>& raw, Parser parse, Store store,
           std::vector<std::string>& problems) {
    if (!raw) return;
    auto parsed = parse(raw->text);
    if (parsed.value) {
        store(std::move(*parsed.value));
    } else {
        problems.push_back(describe_problem(raw->where, raw->text, parsed.reason));
    }
}

// The valid items of `raw`, each invalid one recorded.
template <typename Parser>
std::vector<std::string> checked_items(const RawList& raw, Parser parse,
                                       std::vector<std::string>& problems) {
    std::vector<std::string> items;
    for (const auto& text : raw.items) {
        apply(
            RawValue{text, raw.where}, parse,
            [&](std::string item) { items.push_back(std::move(item)); }, problems);
    }
    return items;
}

void apply_lists(Config& config, const RawSettings& layer, std::vector<std::string>& problems) {
    // Admins accumulate across sources rather than replace: a --admin given to promote someone
    // for one run must not silently demote the admins of the config file.
    if (layer.admins) {
        for (auto& name : checked_items(*layer.admins, parse_name, problems)) {
            if (std::ranges::find(config.admins, name) == config.admins.end()) {
                config.admins.push_back(std::move(name));
            }
        }
    }
    // Origins replace, so a higher source can also narrow the list.
    if (layer.allowed_origins) {
        config.allowed_origins = checked_items(*layer.allowed_origins, parse_origin, problems);
    }
}

}  // namespace

std::span<const ScalarSetting> scalar_settings() { return scalars; }

std::span<const ListSetting> list_settings() { return lists; }

std::string describe_problem(std::string_view where, std::string_view text,
                             std::string_view reason) {
    return std::string(where) + " is '" + std::string(text) + "': " + std::string(reason) + ".";
}

void apply_settings(Config& config, const RawSettings& layer, std::vector<std::string>& problems) {
    apply(
        layer.data, parse_path, [&](auto value) { config.data = std::move(value); }, problems);
    apply(
        layer.http, parse_endpoint, [&](auto value) { config.http = std::move(value); }, problems);
    apply(
        layer.irc, parse_endpoint_or_off, [&](auto value) { config.irc = std::move(value); },
        problems);
    apply(
        layer.irc_tls, parse_endpoint, [&](auto value) { config.irc_tls = std::move(value); },
        problems);
    apply(
        layer.tls_cert, parse_path, [&](auto value) { config.tls_cert = std::move(value); },
        problems);
    apply(
        layer.tls_key, parse_path, [&](auto value) { config.tls_key = std::move(value); },
        problems);
    apply(
        layer.shards, parse_shards, [&](auto value) { config.shards = value; }, problems);
    apply(
        layer.limits, parse_switch, [&](auto value) { config.limits = value; }, problems);
    apply(
        layer.guests, parse_switch, [&](auto value) { config.guests = value; }, problems);
    apply(
        layer.web_root, parse_path, [&](auto value) { config.web_root = std::move(value); },
        problems);
    apply(
        layer.log_level, parse_log_level, [&](auto value) { config.log_level = std::move(value); },
        problems);
    apply(
        layer.avatar_max_bytes, parse_bytes, [&](auto value) { config.avatar_max_bytes = value; },
        problems);
    apply(
        layer.file_max_bytes, parse_bytes, [&](auto value) { config.file_max_bytes = value; },
        problems);
    apply(
        layer.file_quota_bytes, parse_bytes, [&](auto value) { config.file_quota_bytes = value; },
        problems);
    apply(
        layer.public_url, parse_public_url,
        [&](auto value) { config.public_url = std::move(value); }, problems);
    apply_lists(config, layer, problems);
}

void check_combinations(Config& config, std::vector<std::string>& problems) {
    if (config.tls_cert.has_value() != config.tls_key.has_value()) {
        problems.push_back(config.tls_cert
                               ? "A TLS certificate is set but no TLS key: give both --tls-cert "
                                 "and --tls-key (or [tls] cert and key), or neither."
                               : "A TLS key is set but no TLS certificate: give both --tls-cert "
                                 "and --tls-key (or [tls] cert and key), or neither.");
        return;
    }
    const bool tls = config.tls_cert.has_value();
    if (!tls && config.irc_tls) {
        problems.push_back("An IRC TLS address is set (" + format_endpoint(*config.irc_tls) +
                           ") but no TLS certificate and key: give --tls-cert and --tls-key too.");
    } else if (tls && !config.irc_tls) {
        config.irc_tls = Endpoint{"127.0.0.1", 6697};
    }
}

}  // namespace parley::app::detail
