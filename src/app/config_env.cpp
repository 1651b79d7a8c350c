#include "app/config_env.hpp"

#include <unistd.h>

#include <algorithm>

#include "app/config.hpp"
#include "app/config_values.hpp"

namespace parley::app {

std::map<std::string, std::string> current_environment() {
    std::map<std::string, std::string> result;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals == std::string_view::npos || !text.starts_with("PARLEY_")) continue;
        result.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return result;
}

}  // namespace parley::app

namespace parley::app::detail {
namespace {

bool is_known_variable(std::string_view name) {
    return name == config_file_variable ||
           std::ranges::any_of(scalar_settings(),
                               [&](const auto& setting) { return setting.variable == name; }) ||
           std::ranges::any_of(list_settings(),
                               [&](const auto& setting) { return setting.variable == name; });
}

}  // namespace

RawSettings read_environment(const std::map<std::string, std::string>& environment,
                             std::vector<std::string>& warnings) {
    RawSettings layer;
    for (const auto& setting : scalar_settings()) {
        const auto found = environment.find(std::string(setting.variable));
        if (found == environment.end() || found->second.empty()) continue;
        layer.*setting.field = RawValue{found->second, std::string(setting.variable)};
    }
    for (const auto& setting : list_settings()) {
        const auto found = environment.find(std::string(setting.variable));
        if (found == environment.end() || found->second.empty()) continue;
        layer.*setting.field = RawList{split_list(found->second), std::string(setting.variable)};
    }
    for (const auto& [name, value] : environment) {
        if (name.starts_with("PARLEY_") && !is_known_variable(name)) {
            warnings.push_back("unknown environment variable " + name + " (ignored)");
        }
    }
    return layer;
}

}  // namespace parley::app::detail
