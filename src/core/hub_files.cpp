// Files attached to messages: the Hub checks them against what it knows was
// uploaded, so a message never points at a file its sender may not share.
#include <algorithm>

#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

void Hub::file_added(const StoredFile& file) { files_[file.file.id] = file; }

Status Hub::check_content(std::string_view text, const std::vector<FileId>& files,
                          UserId sender) const {
    // A file alone is a message; a blank caption next to it says nothing, so it
    // is allowed to be empty, but not to be invalid.
    if (files.empty() || !text.empty()) {
        if (auto valid = validate_message_text(text); !valid) return valid;
    }
    if (files.size() > max_attachments) {
        return Error{Errc::bad_attachment, "A message carries at most 10 attachments."};
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto found = files_.find(files[i]);
        if (found == files_.end() || found->second.owner != sender) {
            return Error{Errc::bad_attachment, "Attachment " + std::to_string(files[i]) +
                                                   " is not a file you uploaded."};
        }
        if (std::find(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(i), files[i]) !=
            files.begin() + static_cast<std::ptrdiff_t>(i)) {
            return Error{Errc::bad_attachment, "The same file is attached twice."};
        }
    }
    return success();
}

std::vector<Attachment> Hub::attachments_of(const std::vector<FileId>& files) const {
    std::vector<Attachment> out;
    out.reserve(files.size());
    for (FileId id : files) out.push_back(files_.at(id).file);
    return out;
}

}  // namespace parley::core
