#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"
#include "app/config_settings.hpp"

namespace parley::app::detail {

// What a config file sets: the settings shared with flags and environment, and the [irc_server]
// table, which only the file can set.
struct FileLayer {
    RawSettings settings;
    Config::IrcServer irc_server;
};

// Reads a TOML config file. Relative paths in it are taken from the file's folder, so the file
// means the same whatever the working directory. An unreadable file, invalid TOML or a value of
// the wrong type adds to `problems`; an unknown key only adds to `warnings`, so one file can
// serve several versions. `named_by` says where the file name came from ("--config").
FileLayer read_config_file(const std::filesystem::path& file, std::string_view named_by,
                           std::vector<std::string>& problems, std::vector<std::string>& warnings);

}  // namespace parley::app::detail
