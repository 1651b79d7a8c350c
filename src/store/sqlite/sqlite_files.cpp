// SqliteStore: uploaded files, message attachments and avatars.
#include <algorithm>
#include <unordered_map>

#include "core/file_url.hpp"
#include "store/sqlite/queries.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace parley::store {

namespace {

using sqlite::Statement;
namespace queries = sqlite::queries;

// Reads a row in the column order of queries::select_file*, from column `first`.
FileRecord read_file(const Statement& row, int first = 0) {
    FileRecord record;
    core::Attachment& file = record.stored.file;
    file.id = row.column_int64(first);
    record.stored.owner = row.column_int64(first + 1);
    file.name = row.column_text(first + 2);
    file.size = row.column_int64(first + 3);
    file.content_type = row.column_text(first + 4);
    record.storage_name = row.column_text(first + 5);
    file.url = core::file_url(file.id, file.name);
    return record;
}

}  // namespace

core::FileId SqliteStore::add_file(const NewFile& file) {
    auto id = connection_.prepared(queries::insert_file)
                  .query_int64(file.owner, file.name, file.size, file.content_type,
                               file.storage_name, file.created_at);
    if (!id) throw StoreError("inserting a file returned no id");
    return *id;
}

std::optional<FileRecord> SqliteStore::find_file(core::FileId id) {
    std::optional<FileRecord> found;
    connection_.prepared(queries::select_file)
        .query([&found](const Statement& row) { found = read_file(row); }, id);
    return found;
}

std::vector<core::StoredFile> SqliteStore::list_files() {
    std::vector<core::StoredFile> files;
    connection_.prepared(queries::select_files).query([&files](const Statement& row) {
        files.push_back(read_file(row).stored);
    });
    return files;
}

bool SqliteStore::can_read_file(core::FileId id, UserId user) {
    return connection_.prepared(queries::select_can_read_file).query_int64(id, user).value_or(0) !=
           0;
}

std::int64_t SqliteStore::bytes_stored_by(UserId owner) {
    return connection_.prepared(queries::select_bytes_stored).query_int64(owner).value_or(0);
}

void SqliteStore::set_avatar_url(UserId id, const std::optional<std::string>& url) {
    connection_.prepared(queries::update_avatar_url).execute(id, url);
}

void SqliteStore::add_attachments(std::vector<core::Message>& messages) {
    if (messages.empty()) return;
    auto [low, high] = std::minmax_element(
        messages.begin(), messages.end(),
        [](const core::Message& a, const core::Message& b) { return a.id < b.id; });
    std::unordered_map<core::MessageId, core::Message*> by_id;
    for (auto& message : messages) by_id[message.id] = &message;
    connection_.prepared(queries::select_attachments_between)
        .query(
            [&by_id](const Statement& row) {
                auto found = by_id.find(row.column_int64(0));
                if (found != by_id.end()) {
                    found->second->attachments.push_back(read_file(row, 1).stored.file);
                }
            },
            low->id, high->id);
}

}  // namespace parley::store
