#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parley::media {

// One folder of stored bytes (uploaded files, avatars) under the data folder.
// Files are written to a temporary name in the same folder, flushed to disk
// and renamed, so a reader or a crash never sees half a file; names are
// random and chosen here, never by a user. Blocking I/O: not on a network thread.
class FileVault {
public:
    // Creates the folder if needed and removes temporary files a crash left.
    explicit FileVault(std::filesystem::path folder);

    // Stores `bytes` under `prefix` + 32 random hex digits + `suffix`; returns that name.
    core::Result<std::string> store(std::string_view bytes, std::string_view prefix = {},
                                    std::string_view suffix = {});
    // Removes a stored file (missing is fine). Names with a path are refused.
    void remove(std::string_view name);
    // The path of a stored file, or empty when `name` is not a plain stored name.
    std::filesystem::path path_of(std::string_view name) const;
    const std::filesystem::path& folder() const { return folder_; }

    // The prefix of temporary files, so tests can look for leftovers.
    static constexpr std::string_view temporary_prefix = ".tmp-";

private:
    std::filesystem::path folder_;
};

// 32 hex digits from the kernel's random source.
std::string random_hex_name();

}  // namespace parley::media
