#include "report.hpp"

#include <algorithm>
#include <cstdio>

namespace parley::bench {

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void Report::row(std::string label, std::string value) {
    rows_.emplace_back(std::move(label), std::move(value));
}

void Report::figure(std::string key, std::string value) {
    figures_.emplace_back(std::move(key), std::move(value));
}

void Report::note(std::string text) { notes_.push_back(std::move(text)); }

void Report::print() const {
    std::size_t width = 0;
    for (const auto& [label, value] : rows_) width = std::max(width, label.size());
    std::printf("\n%s\n%s\n", title_.c_str(), std::string(title_.size(), '=').c_str());
    for (const auto& [label, value] : rows_) {
        std::printf("  %-*s  %s\n", static_cast<int>(width), label.c_str(), value.c_str());
    }
    for (const auto& text : notes_) std::printf("  note: %s\n", text.c_str());
    std::string line = "RESULT";
    for (const auto& [key, value] : figures_) line += " " + key + "=" + value;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

}  // namespace parley::bench
