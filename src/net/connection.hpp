#pragma once

#include <string>

#include "core/model.hpp"
#include "net/frame.hpp"

namespace parley::net {

using core::ConnId;

// Close codes Parley uses beyond RFC 6455's.
inline constexpr int close_unauthorized = 4001;
inline constexpr int close_banned = 4003;

// A message-oriented connection owned by one shard. Every method must be
// called on that shard's thread (the registry and the app make sure of it).
class Connection {
public:
    virtual ~Connection() = default;
    virtual ConnId id() const = 0;
    // Queues a text frame. A peer too slow to drain its queue past the byte
    // cap is disconnected with a reason instead of growing memory.
    virtual void send(Frame frame) = 0;
    // Sends what is queued, then a close frame with this code and reason.
    virtual void close(int code, std::string reason) = 0;
    // The first frame authenticated the peer: stop the authentication timer.
    virtual void set_authenticated() = 0;
};

}  // namespace parley::net
