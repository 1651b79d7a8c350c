#include "net/listener_state.hpp"

namespace parley::net::detail {

ListenerState::ListenerState(Shards& shards_, std::size_t max_connections_per_address,
                             std::function<void(std::string_view)> log, TlsOptions tls_)
    : shards(shards_),
      tls(std::move(tls_)),
      max_connections_per_address_(max_connections_per_address),
      log_(std::move(log)),
      sessions_(shards_.size()) {}

void ListenerState::warn(std::string_view line) const {
    if (log_) log_(line);
}

void ListenerState::note(std::string_view line) const {
    if (tls.note) tls.note(line);
}

bool ListenerState::acquire(const std::string& address) {
    std::lock_guard lock(mutex_);
    std::size_t& count = per_address_[address];
    std::size_t cap = max_connections_per_address_;
    if (cap != 0 && count >= cap) {
        if (count == 0) per_address_.erase(address);
        return false;
    }
    ++count;
    ++live_;
    return true;
}

void ListenerState::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto found = per_address_.find(address);
    if (found != per_address_.end() && --found->second == 0) per_address_.erase(found);
    if (--live_ == 0) drained_.notify_all();
}

void ListenerState::wait_drained(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    drained_.wait_for(lock, timeout, [this] { return live_ == 0; });
}

}  // namespace parley::net::detail
