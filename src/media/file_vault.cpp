#include "media/file_vault.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <system_error>

namespace parley::media {

namespace fs = std::filesystem;

namespace {

// Closes a descriptor, and removes the temporary file unless it was kept.
class TemporaryFile {
public:
    explicit TemporaryFile(fs::path path)
        : path_(std::move(path)),
          fd_(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) {}
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!kept_) ::unlink(path_.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    bool opened() const { return fd_ >= 0; }

    bool write_all(std::string_view bytes) {
        while (!bytes.empty()) {
            ssize_t n = ::write(fd_, bytes.data(), bytes.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // Flushed, closed and renamed: the new name appears complete or not at all.
    bool commit_as(const fs::path& target) {
        if (::fsync(fd_) != 0) return false;
        int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) return false;
        if (::rename(path_.c_str(), target.c_str()) != 0) return false;
        kept_ = true;
        return true;
    }

private:
    fs::path path_;
    int fd_;
    bool kept_ = false;
};

bool is_plain_name(std::string_view name) {
    if (name.empty() || name.front() == '.') return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

// The rename is durable only once the folder's entry is on disk too.
void sync_folder(const fs::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string random_hex_name() {
    std::array<unsigned char, 16> bytes{};
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        ssize_t n = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::system_error(errno, std::generic_category(), "getrandom");
        filled += static_cast<std::size_t>(n);
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 0x0F];
    }
    return out;
}

FileVault::FileVault(fs::path folder) : folder_(std::move(folder)) {
    fs::create_directories(folder_);
    for (const auto& entry : fs::directory_iterator(folder_)) {
        if (entry.path().filename().string().starts_with(temporary_prefix)) {
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
        }
    }
}

core::Result<std::string> FileVault::store(std::string_view bytes, std::string_view prefix,
                                           std::string_view suffix) {
    std::string name = std::string(prefix) + random_hex_name() + std::string(suffix);
    TemporaryFile temporary(folder_ / (std::string(temporary_prefix) + name));
    if (!temporary.opened() || !temporary.write_all(bytes) ||
        !temporary.commit_as(folder_ / name)) {
        return core::Error{core::Errc::internal, "The file could not be saved on the server."};
    }
    sync_folder(folder_);
    return name;
}

void FileVault::remove(std::string_view name) {
    if (!is_plain_name(name)) return;
    std::error_code ignored;
    fs::remove(folder_ / std::string(name), ignored);
}

fs::path FileVault::path_of(std::string_view name) const {
    if (!is_plain_name(name)) return {};
    return folder_ / std::string(name);
}

}  // namespace parley::media
