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

// How one protocol spells events and answers. Implemented by each protocol
// adapter; the service encodes an event once per protocol and shares the bytes.
class Wire {
public:
    virtual ~Wire() = default;
    virtual std::string event(const Event& event) const = 0;
    // `tag` is the request's id as the client sent it (empty: none).
    virtual std::string answer(std::string_view tag, const Answer& answer) const = 0;
    virtual std::string error(std::string_view tag, const Error& error) const = 0;
    virtual int close_code(CloseReason reason) const = 0;
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
};

}  // namespace parley::core
