#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/service.hpp"

namespace parley::proto::irc {

// How events look to IRC clients. Encoded once per variant (see variant.hpp)
// and shared by every client of that variant. Runs on the service's thread,
// where `username_of` may read the Hub.
class IrcWire final : public core::EventWire {
public:
    using UsernameOf = std::function<std::optional<std::string>(core::UserId)>;

    IrcWire(std::string server_name, UsernameOf username_of);

    std::string event(const core::Event& event, unsigned variant) const override;
    std::string farewell(core::CloseReason reason) const override;
    int close_code(core::CloseReason reason) const override;

    const std::string& server_name() const { return server_name_; }
    // The base of absolute file links ("https://chat.example.com"); set before
    // the IRC listener starts, when the HTTP address is known.
    void set_public_url(std::string url) { public_url_ = std::move(url); }

private:
    struct Spelling;

    std::string name(core::UserId user) const;
    std::string prefix(core::UserId user) const;

    std::string server_name_;
    UsernameOf username_of_;
    std::string public_url_;
};

}  // namespace parley::proto::irc
