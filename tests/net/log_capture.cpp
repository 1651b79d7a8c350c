#include "log_capture.hpp"

namespace parley::net::testing {

std::function<void(std::string_view)> LogCapture::sink() {
    return [this](std::string_view line) {
        {
            std::lock_guard lock(mutex_);
            lines_.emplace_back(line);
        }
        added_.notify_all();
    };
}

bool LogCapture::logged(std::string_view needle, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return added_.wait_for(lock, timeout, [&] { return has_line(needle); });
}

bool LogCapture::has_line(std::string_view needle) const {
    for (const auto& line : lines_) {
        if (line.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace parley::net::testing
