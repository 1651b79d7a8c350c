// State shared by the line listener and its sessions; internal to net. See
// listener_state.hpp for the part every listener has.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "net/frame.hpp"
#include "net/gathered_writer.hpp"
#include "net/handlers.hpp"
#include "net/line_server.hpp"
#include "net/listener_state.hpp"
#include "net/shards.hpp"

namespace parley::net::detail {

class LineServerState : public ListenerState {
public:
    LineServerState(Shards& shards_, LineHandler& handler_, LineServerOptions options_)
        : ListenerState(shards_, options_.max_connections_per_address, options_.log, options_.tls),
          handler(handler_),
          options(std::move(options_)),
          register_timeout_frame(options.register_timeout_line.empty()
                                     ? nullptr
                                     : make_frame(options.register_timeout_line)) {}

    LineHandler& handler;
    const LineServerOptions options;
    const Frame register_timeout_frame;  // null when options.register_timeout_line is empty
    WriteCounters counters;
};

}  // namespace parley::net::detail
