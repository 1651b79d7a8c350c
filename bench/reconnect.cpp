// reconnect over WebSocket: every client signs in again with its session
// token (`auth`, then `ready`), as the web client does after a restart.
#include "reconnect_run.hpp"

namespace parley::bench {

int run_reconnect(const BenchOptions& options, const Placement& placement) {
    check_descriptors(options.clients);
    Harness harness(harness_options(options, placement));
    WaveSlots<WsConnection> slots(options.clients);
    ReconnectClients clients;
    StopGuard stop_guard(harness);  // the order of these: see harness.hpp
    auto& server = harness.server();
    clients.sign_in = [&slots, &server](std::size_t index, const Account& account,
                                        unsigned source) -> boost::asio::awaitable<void> {
        SignedInWs signed_in = co_await sign_in_ws(server.port(), account, source);
        slots.keep(index, std::move(signed_in.connection));
    };
    use_slots(clients, slots);
    clients.protocol = "ws";
    clients.secret = "token";
    clients.signed_in_as = "WebSocket open, auth with the account's token, \"ready\" received";
    return run_reconnect_with(harness, options, placement, clients);
}

}  // namespace parley::bench
