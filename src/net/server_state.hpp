// State shared by the HTTP listener and its sessions; internal to net. See
// listener_state.hpp for the part every listener has.
#pragma once

#include "net/frame.hpp"
#include "net/handlers.hpp"
#include "net/http_server.hpp"
#include "net/gathered_writer.hpp"
#include "net/listener_state.hpp"
#include "net/shards.hpp"

namespace parley::net::detail {

class ServerState : public ListenerState {
public:
    ServerState(Shards& shards, HttpHandler& http, WsHandler& ws, ServerOptions options);

    HttpHandler& http;
    WsHandler& ws;
    const ServerOptions options;
    const Frame auth_timeout_frame;  // null when options.auth_timeout_frame is empty
    WriteCounters counters;          // WebSocket writes
};

}  // namespace parley::net::detail
