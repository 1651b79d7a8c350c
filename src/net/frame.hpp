#pragma once

#include <memory>
#include <string>

namespace parley::net {

// One encoded outgoing frame, shared by every recipient: an event is encoded
// once per protocol and the same bytes are queued on every connection.
using Frame = std::shared_ptr<const std::string>;

inline Frame make_frame(std::string bytes) {
    return std::make_shared<const std::string>(std::move(bytes));
}

}  // namespace parley::net
