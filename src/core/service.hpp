#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/commands.hpp"
#include "core/events.hpp"
#include "core/requests.hpp"
#include "core/result.hpp"

namespace parley::core {

enum class Protocol { websocket, irc };

// Who is asking, as far as an adapter can tell.
struct Caller {
    std::optional<std::string> token;  // bearer token, if one was sent
    std::string address;               // peer IP address, for rate limits
};

// How one protocol spells events. The service encodes an event once per
// protocol and variant and shares the bytes among all recipients. A variant
// groups connections whose frames differ (IRC clients with different
// capabilities); a protocol without variants ignores it.
class EventWire {
public:
    virtual ~EventWire() = default;
    virtual std::string event(const Event& event, unsigned variant) const = 0;
    // What to send just before closing a connection for `reason` (may be empty).
    virtual std::string farewell(CloseReason reason) const = 0;
    virtual int close_code(CloseReason reason) const = 0;
};

// A protocol whose answers the service encodes too (the WebSocket JSON protocol).
class Wire : public EventWire {
public:
    // `tag` is the request's id as the client sent it (empty: none).
    virtual std::string answer(std::string_view tag, const Answer& answer) const = 0;
    virtual std::string error(std::string_view tag, const Error& error) const = 0;
};

// What the adapters (HTTP routes, WebSocket and IRC gateways) call. The
// implementation runs chat logic on its own thread; callbacks and frames come
// back from that thread, so adapters hop back to their own executor.
class Service {
public:
    virtual ~Service() = default;

    using Respond = std::function<void(Result<Response>)>;
    virtual void request(Caller caller, Request request, Respond respond) = 0;

    // A connection signs in with a token. The answer (ready or an error and a
    // close) is sent to the connection in its protocol, in order with its events.
    virtual void connect(ConnId conn, Protocol protocol, Caller caller) = 0;
    // A command from a signed-in connection; its answer echoes `tag`.
    virtual void command(ConnId conn, std::string tag, Command command) = 0;
    virtual void disconnect(ConnId conn) = 0;

    // For adapters that keep state per connection and render answers
    // themselves (IRC). `reply` runs on the service's thread before any event
    // the call causes is handed to the connection's shard, so posting from
    // `reply` to that shard keeps the answer ahead of those events.
    using Reply = std::function<void(Result<Answer>)>;
    // Signs a connection in with a name and password (IRC SASL PLAIN or PASS);
    // the answer is Ready. Events are encoded for it in `variant`.
    virtual void sign_in(ConnId conn, Protocol protocol, unsigned variant, std::string username,
                         std::string password, Reply reply) = 0;
    // Signs a connection in as a guest under a nick no one else has (IRC, when
    // the server allows guests); the answer is Ready.
    virtual void sign_in_guest(ConnId conn, Protocol protocol, unsigned variant, std::string nick,
                               Reply reply) = 0;
    virtual void command(ConnId conn, Command command, Reply reply) = 0;
    // The connection's events are encoded in this variant from now on.
    virtual void set_variant(ConnId conn, unsigned variant) = 0;
    // Admin powers for this connection only, after the adapter checked operator
    // credentials of its own (IRC OPER against the configured opers).
    virtual void grant_operator(ConnId conn) = 0;
};

}  // namespace parley::core
