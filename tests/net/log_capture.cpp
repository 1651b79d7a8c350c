#include "log_capture.hpp"

namespace parley::net::testing {

std::function<void(std::string_view)> LogCapture::sink() {
    return [this](std::string_view line) {
        std::lock_guard lock(mutex_);
        lines_.emplace_back(line);
    };
}

bool LogCapture::logged(std::string_view needle) const {
    std::lock_guard lock(mutex_);
    for (const auto& line : lines_) {
        if (line.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace parley::net::testing
