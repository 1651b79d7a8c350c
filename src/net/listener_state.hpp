// What every listener shares with its sessions (HTTP, line protocols); internal to
// net. Sessions on every shard hold it through a shared_ptr, so it outlives the
// server that created it and may be destroyed with any shard: it owns nothing
// bound to an io_context.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "net/shards.hpp"
#include "net/tls_context.hpp"

namespace parley::net::detail {

// Whatever stop() must wind down: an HTTP connection, an IRC client.
class Session {
public:
    virtual ~Session() = default;
    // Called on the session's shard once the server stops.
    virtual void shutdown() = 0;
};

// How long a session may take to end once the server stops.
inline constexpr std::chrono::milliseconds shutdown_grace{2000};

class ListenerState {
public:
    ListenerState(Shards& shards, std::size_t max_connections_per_address,
                  std::function<void(std::string_view)> log, TlsOptions tls);
    virtual ~ListenerState() = default;
    ListenerState(const ListenerState&) = delete;
    ListenerState& operator=(const ListenerState&) = delete;

    Shards& shards;
    const TlsOptions tls;  // tls.context null: plain TCP
    std::atomic<bool> stopping{false};

    void warn(std::string_view line) const;
    void note(std::string_view line) const;

    // Sessions of one shard; touched only on that shard's thread.
    std::unordered_set<Session*>& sessions(std::size_t shard) { return sessions_[shard]; }

    // Counts an accepted socket; false when its address is over the cap.
    bool acquire(const std::string& address);
    void release(const std::string& address);
    // Waits until every accepted socket is released or the timeout passes.
    void wait_drained(std::chrono::milliseconds timeout);

private:
    const std::size_t max_connections_per_address_;  // 0 = unlimited
    const std::function<void(std::string_view)> log_;
    std::vector<std::unordered_set<Session*>> sessions_;
    std::mutex mutex_;
    std::condition_variable drained_;
    std::size_t live_ = 0;
    std::unordered_map<std::string, std::size_t> per_address_;
};

// One accepted socket's place in the counts, released when the connection ends.
class ConnectionSlot {
public:
    ConnectionSlot() = default;
    ConnectionSlot(std::shared_ptr<ListenerState> state, std::string address)
        : state_(std::move(state)), address_(std::move(address)) {}
    ConnectionSlot(ConnectionSlot&& other) noexcept = default;
    ConnectionSlot& operator=(ConnectionSlot&& other) noexcept {
        std::swap(state_, other.state_);
        std::swap(address_, other.address_);
        return *this;
    }
    ~ConnectionSlot() { release(); }

    void release() {
        if (state_) state_->release(address_);
        state_.reset();
    }

private:
    std::shared_ptr<ListenerState> state_;
    std::string address_;
};

// Registers a session with its shard for as long as it is in scope.
class TrackedSession {
public:
    TrackedSession(ListenerState& state, std::size_t shard, Session& session)
        : sessions_(state.sessions(shard)), session_(&session) {
        sessions_.insert(session_);
    }
    ~TrackedSession() { sessions_.erase(session_); }
    TrackedSession(const TrackedSession&) = delete;
    TrackedSession& operator=(const TrackedSession&) = delete;

private:
    std::unordered_set<Session*>& sessions_;
    Session* session_;
};

}  // namespace parley::net::detail
