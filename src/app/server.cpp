#include "app/server.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

#include "app/chat_service.hpp"
#include "app/credentials.hpp"
#include "app/dispatcher.hpp"
#include "app/snapshot.hpp"
#include "app/task_queue.hpp"
#include "http/api.hpp"
#include "media/avatar_image.hpp"
#include "media/file_vault.hpp"
#include "net/http_server.hpp"
#include "net/line_server.hpp"
#include "net/tls_context.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/irc_wire.hpp"
#include "net/shards.hpp"
#include "proto/ws/gateway.hpp"
#include "proto/ws/json_wire.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_worker.hpp"

namespace parley::app {

namespace {

// Signals are taken by the main thread only, with sigwait: every other thread
// inherits the blocked mask, so no handler runs in the middle of chat logic.
// SIGHUP reloads the TLS certificate; it must never end the server.
sigset_t block_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

using TlsPointer = std::shared_ptr<net::TlsContext>;

// Null without TLS. A missing, unreadable or mismatched pair stops start-up.
core::Result<TlsPointer> load_tls(const Config& config) {
    if (!config.tls_cert || !config.tls_key) return TlsPointer{};
    return net::TlsContext::load({*config.tls_cert, *config.tls_key});
}

net::TlsOptions tls_options(const TlsPointer& tls) {
    net::TlsOptions options;
    options.context = tls;
    options.note = [](std::string_view line) { spdlog::info("{}", line); };
    return options;
}

// New handshakes take the new pair; open connections keep theirs. A bad new pair is
// reported and the old one kept, so a botched renewal never takes the server down.
void reload_tls(net::TlsContext* tls) {
    if (!tls) {
        spdlog::info("event=sighup_ignored reason=\"TLS is off\"");
        return;
    }
    auto reloaded = tls->reload();
    if (reloaded) {
        spdlog::info("event=tls_reloaded cert={} expires={}", tls->files().certificate.string(),
                     tls->expires());
    } else {
        spdlog::error(
            "event=tls_reload_failed error=\"{}\" note=\"the previous certificate "
            "stays in use\"",
            reloaded.error().message);
    }
}

// Waits for SIGTERM or SIGINT, reloading TLS on every SIGHUP meanwhile.
int wait_for_stop(sigset_t& signals, net::TlsContext* tls) {
    int signal = 0;
    while (sigwait(&signals, &signal) == 0 && signal == SIGHUP) reload_tls(tls);
    return signal;
}

net::ServerOptions http_options(const Config& config, const TlsPointer& tls) {
    net::ServerOptions options;
    options.host = config.http.host;
    options.port = config.http.port;
    options.allowed_origins = config.allowed_origins;
    options.auth_timeout_frame = proto::ws::JsonWire{}.error(
        {}, core::Error{core::Errc::unauthorized, "Send an auth frame within 10 seconds."});
    options.max_connections_per_address = config.limits ? 256 : 0;
    options.log = [](std::string_view line) { spdlog::warn("{}", line); };
    options.tls = tls_options(tls);
    return options;
}

net::LineServerOptions irc_options(const Config& config, const Endpoint& endpoint,
                                   const TlsPointer& tls) {
    net::LineServerOptions options;
    options.host = endpoint.host;
    options.port = endpoint.port;
    options.register_timeout_line = "ERROR :Closing link: registration timed out\r\n";
    options.max_connections_per_address = config.limits ? 64 : 0;
    options.log = [](std::string_view line) { spdlog::warn("{}", line); };
    options.tls = tls_options(tls);
    return options;
}

// Frames per socket write say how well fan-out writes are gathered (benchmarks
// read it; an operator can too).
void log_writes(std::string_view listener, const net::WriteStats& stats) {
    if (stats.writes == 0) return;
    spdlog::info("event=socket_writes listener={} writes={} frames={}", listener, stats.writes,
                 stats.frames);
}

std::vector<std::pair<std::string, std::string>> irc_opers(const Config& config) {
    std::vector<std::pair<std::string, std::string>> opers;
    for (const auto& oper : config.irc_server.opers) opers.emplace_back(oper.name, oper.password);
    return opers;
}

std::size_t shard_count(const Config& config) {
    if (config.shards > 0) return config.shards;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int run_server(const Config& config) {
    sigset_t signals = block_signals();
    auto loaded = load_tls(config);
    if (!loaded) {
        std::cerr << "parleyd: " << loaded.error().message << '\n';
        return 2;  // like a configuration error
    }
    const TlsPointer tls = *loaded;  // null without TLS
    if (tls) {
        spdlog::info("event=tls_loaded cert={} expires={}", tls->files().certificate.string(),
                     tls->expires());
    }
    init_crypto();

    auto database = store::open_sqlite_store(config.data / "parley.db");
    auto snapshot = read_snapshot(*database);
    store::StoreWorker store(std::move(database));
    TaskQueue hub_thread("hub", 1);
    TaskQueue hash_pool("hash", 2);
    // Image decoding and file writes; two threads so one slow avatar doesn't hold up files.
    TaskQueue media_pool("media", 2);
    media::init_image_library();
    media::FileVault avatars(config.data / "avatars");
    media::FileVault files(config.data / "files");
    net::Shards shards(shard_count(config));
    // What a round of the Hub's work sends each shard goes in one task: the
    // deliveries of a group commit reach a connection together and leave in
    // one write.
    hub_thread.set_idle_hook([&shards] { shards.send_held(); });
    hub_thread.post([&shards] { shards.hold_posts_of_this_thread(); });
    // And the completions of one store batch reach the Hub together.
    hub_thread.hold_posts_of(store.thread_id());
    store.set_after_batch([&hub_thread] { hub_thread.send_held(); });
    Dispatcher dispatcher(shards);
    proto::ws::JsonWire json_wire;
    dispatcher.add_wire(core::Protocol::websocket, json_wire);

    ChatService service(
        ServiceOptions{config.limits, config.admins, config.file_quota_bytes, {}, config.guests},
        store, hub_thread, hash_pool, dispatcher, MediaServices{media_pool, avatars, files});
    service.load(std::move(snapshot));
    proto::ws::Gateway gateway(service, shards);
    http::Api api(service, http::ApiOptions{.web_root = config.web_root,
                                            .avatar_body_limit = config.avatar_max_bytes,
                                            .file_body_limit = config.file_max_bytes,
                                            .avatars = avatars.folder(),
                                            .secure_cookie = config.tls_cert.has_value()});
    net::HttpServer server(shards, api, gateway, http_options(config, tls));

    proto::irc::IrcWire irc_wire(config.irc_server.name,
                                 [&service](core::UserId id) { return service.username_of(id); });
    dispatcher.add_event_wire(core::Protocol::irc, irc_wire);
    proto::irc::Gateway irc_gateway(
        service, shards,
        proto::irc::GatewayOptions{config.irc_server.name, config.irc_server.network,
                                   std::string(parley_version()), config.irc_server.history_replay,
                                   config.irc_server.password, config.limits, irc_opers(config)});
    std::unique_ptr<net::LineServer> irc_server;
    if (config.irc) {
        irc_server = std::make_unique<net::LineServer>(shards, irc_gateway,
                                                       irc_options(config, *config.irc, {}));
    }
    std::unique_ptr<net::LineServer> irc_tls_server;
    if (tls && config.irc_tls) {
        irc_tls_server = std::make_unique<net::LineServer>(
            shards, irc_gateway, irc_options(config, *config.irc_tls, tls));
    }

    shards.start();
    server.start();
    spdlog::info("event=listening proto={} address={}", tls ? "https" : "http",
                 server.local_address());
    std::string public_url = config.public_url.empty()
                                 ? std::string(tls ? "https://" : "http://") + server.local_address()
                                 : config.public_url;
    irc_wire.set_public_url(public_url);
    irc_gateway.set_public_url(public_url);
    if (irc_server) {
        irc_server->start();
        spdlog::info("event=listening proto=irc address={}", irc_server->local_address());
    }
    if (irc_tls_server) {
        irc_tls_server->start();
        spdlog::info("event=listening proto=ircs address={}", irc_tls_server->local_address());
    }
    if (api.web_files() == 0) {
        spdlog::warn("event=web_client_missing web_root={} note=\"GET / answers 404; build it with "
                     "make build\"",
                     config.web_root.string());
    }
    spdlog::info("event=started version={} shards={} data={} limits={}", parley_version(),
                 shards.size(), config.data.string(), config.limits ? "on" : "off");

    int signal = wait_for_stop(signals, tls.get());
    spdlog::info("event=stopping signal={}", signal == SIGTERM ? "SIGTERM" : "SIGINT");

    // Close connections first, then let queued work finish: hashing, chat
    // logic, and last the store, which commits everything handed to it.
    server.stop();
    if (irc_server) irc_server->stop();
    if (irc_tls_server) irc_tls_server->stop();
    log_writes("irc", irc_server ? irc_server->stats() : net::WriteStats{});
    log_writes("irc_tls", irc_tls_server ? irc_tls_server->stats() : net::WriteStats{});
    log_writes("websocket", server.websocket_stats());
    hash_pool.stop();
    media_pool.stop();
    hub_thread.stop();
    store.stop();
    shards.stop();
    shards.join();
    spdlog::info("event=stopped");
    return 0;
}

}  // namespace parley::app
