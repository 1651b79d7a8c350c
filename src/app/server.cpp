#include "app/server.hpp"

#include <signal.h>

#include <spdlog/spdlog.h>
#include <thread>

#include "app/chat_service.hpp"
#include "app/credentials.hpp"
#include "app/dispatcher.hpp"
#include "app/snapshot.hpp"
#include "app/task_queue.hpp"
#include "http/api.hpp"
#include "net/http_server.hpp"
#include "net/shards.hpp"
#include "proto/ws/gateway.hpp"
#include "proto/ws/json_wire.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_worker.hpp"

namespace parley::app {

namespace {

// Signals are taken by the main thread only, with sigwait: every other thread
// inherits the blocked mask, so no handler runs in the middle of chat logic.
sigset_t block_stop_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

net::ServerOptions http_options(const Config& config) {
    net::ServerOptions options;
    options.host = config.http.host;
    options.port = config.http.port;
    options.allowed_origins = config.allowed_origins;
    options.auth_timeout_frame = proto::ws::JsonWire{}.error(
        {}, core::Error{core::Errc::unauthorized, "Send an auth frame within 10 seconds."});
    options.max_connections_per_address = config.limits ? 256 : 0;
    options.log = [](std::string_view line) { spdlog::warn("{}", line); };
    return options;
}

std::size_t shard_count(const Config& config) {
    if (config.shards > 0) return config.shards;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int run_server(const Config& config) {
    sigset_t stop_signals = block_stop_signals();
    init_crypto();

    auto database = store::open_sqlite_store(config.data / "parley.db");
    auto snapshot = read_snapshot(*database);
    store::StoreWorker store(std::move(database));
    TaskQueue hub_thread("hub", 1);
    TaskQueue hash_pool("hash", 2);
    net::Shards shards(shard_count(config));
    Dispatcher dispatcher(shards);
    proto::ws::JsonWire json_wire;
    dispatcher.add_wire(core::Protocol::websocket, json_wire);

    ChatService service(ServiceOptions{config.limits, config.admins}, store, hub_thread,
                        hash_pool, dispatcher);
    service.load(std::move(snapshot));
    proto::ws::Gateway gateway(service, shards);
    http::Api api(service, http::ApiOptions{.web_root = config.web_root});
    net::HttpServer server(shards, api, gateway, http_options(config));

    shards.start();
    server.start();
    spdlog::info("event=listening proto=http address={}", server.local_address());
    if (api.web_files() == 0) {
        spdlog::warn("event=web_client_missing web_root={} note=\"GET / answers 404; build it with "
                     "make build\"",
                     config.web_root.string());
    }
    if (config.irc) {
        spdlog::info("event=irc_unavailable note=\"this build has no IRC gateway yet\"");
    }
    spdlog::info("event=started version={} shards={} data={} limits={}", parley_version(),
                 shards.size(), config.data.string(), config.limits ? "on" : "off");

    int signal = 0;
    sigwait(&stop_signals, &signal);
    spdlog::info("event=stopping signal={}", signal == SIGTERM ? "SIGTERM" : "SIGINT");

    // Close connections first, then let queued work finish: hashing, chat
    // logic, and last the store, which commits everything handed to it.
    server.stop();
    hash_pool.stop();
    hub_thread.stop();
    store.stop();
    shards.stop();
    shards.join();
    spdlog::info("event=stopped");
    return 0;
}

}  // namespace parley::app
