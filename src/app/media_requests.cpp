// Avatars and files: images are decoded and files written on the media pool,
// rows go through the store, and the Hub hears of a change only once both the
// bytes and the row are in place. A failure on the way removes what was written.
#include <spdlog/spdlog.h>

#include "app/chat_service.hpp"
#include "app/clock.hpp"
#include "media/filename.hpp"
#include "media/sniff.hpp"

namespace parley::app {

using core::Errc;
using core::Error;
namespace req = core::req;
namespace reply = core::reply;

namespace {

constexpr std::string_view avatar_path = "/avatars/";

// The stored name behind an avatar URL ("/avatars/{name}").
std::string_view avatar_name(std::string_view url) {
    return url.starts_with(avatar_path) ? url.substr(avatar_path.size()) : std::string_view{};
}

}  // namespace

void ChatService::set_avatar(Session session, req::SetAvatar r, Respond respond) {
    auto bytes = std::make_shared<std::string>(std::move(r.bytes));
    media_.pool.post([this, session, bytes, respond] {
        auto started = now_ms();
        auto png = media::make_avatar(*bytes, options_.avatar_limits);
        std::string().swap(*bytes);  // the upload is no longer needed; free it now
        if (!png) {
            spdlog::info("event=avatar_refused user={} reason=\"{}\"", session.user.id,
                         png.error().message);
            return respond(png.error());
        }
        auto name = media_.avatars.store(*png, std::to_string(session.user.id) + "-", ".png");
        if (!name) return respond(name.error());
        spdlog::info("event=avatar_made user={} ms={} bytes={}", session.user.id,
                     now_ms() - started, png->size());
        hub_thread_.post([this, session, url = std::string(avatar_path) + *name, respond] {
            replace_avatar(session, url, respond);
        });
    });
}

// On the Hub's thread. The row is switched in one store job that also reads the
// old URL, so two uploads at once each remove exactly the file they replaced.
void ChatService::replace_avatar(Session session, std::optional<std::string> url,
                                 Respond respond) {
    auto old = std::make_shared<std::optional<std::string>>();
    auto updated = std::make_shared<std::optional<store::UserRecord>>();
    in_store(
        [id = session.user.id, url, old, updated](store::Store& store) {
            if (auto record = store.find_user(id)) *old = record->user.avatar_url;
            store.set_avatar_url(id, url);
            *updated = store.find_user(id);
        },
        [this, url, old, updated, respond](std::exception_ptr e) {
            bool taken = !e && *updated && (*updated)->user.avatar_url == url;
            if (!taken) {
                remove_avatar_file(url);  // never committed (or the account is gone)
                return respond(Error{Errc::internal});
            }
            if (*old != url) remove_avatar_file(*old);
            auto user = with_role((*updated)->user);
            dispatcher_.dispatch(hub_.user_changed(user));
            respond(reply::OneUser{hub_.find_user(user.id).value_or(user)});
        });
}

void ChatService::remove_avatar_file(const std::optional<std::string>& url) {
    if (!url) return;
    media_.pool.post([this, name = std::string(avatar_name(*url))] { media_.avatars.remove(name); });
}

void ChatService::upload_file(Session session, req::UploadFile r, Respond respond) {
    auto bytes = std::make_shared<std::string>(std::move(r.bytes));
    media_.pool.post([this, owner = session.user.id, name = media::sanitize_filename(r.name), bytes,
                      respond] {
        auto stored = media_.files.store(*bytes);
        if (!stored) return respond(stored.error());
        store::NewFile file{owner,
                            name,
                            static_cast<std::int64_t>(bytes->size()),
                            std::string(media::content_type_of(*bytes)),
                            *stored,
                            now_ms()};
        std::string().swap(*bytes);
        hub_thread_.post([this, file = std::move(file), respond] { add_file_row(file, respond); });
    });
}

// On the Hub's thread, after the bytes are on disk. The quota is checked in the
// same store job that adds the row, so concurrent uploads can't both squeeze in.
void ChatService::add_file_row(store::NewFile file, Respond respond) {
    auto added = std::make_shared<std::optional<core::Result<store::FileRecord>>>();
    in_store(
        [file, quota = options_.file_quota_bytes, added](store::Store& store) {
            auto used = static_cast<std::uint64_t>(store.bytes_stored_by(file.owner));
            if (used + static_cast<std::uint64_t>(file.size) > quota) {
                *added = Error{Errc::quota_exceeded,
                               "This file would take you over your quota of " +
                                   std::to_string(quota) + " bytes."};
                return;
            }
            *added = store.find_file(store.add_file(file)).value();
        },
        [this, file, added, respond](std::exception_ptr e) {
            if (e || !*added || !**added) {
                media_.pool.post([this, name = file.storage_name] { media_.files.remove(name); });
                return respond(e || !*added ? Error{Errc::internal} : (**added).error());
            }
            const auto& record = (**added).value();
            hub_.file_added(record.stored);
            spdlog::info("event=file_stored user={} file={} bytes={}", file.owner,
                         record.stored.file.id, file.size);
            respond(reply::FileStored{record.stored.file});
        });
}

void ChatService::get_file(Session session, req::GetFile r, Respond respond) {
    auto found = std::make_shared<std::optional<store::FileRecord>>();
    in_store(
        [id = r.id, viewer = session.user.id, found](store::Store& store) {
            if (store.can_read_file(id, viewer)) *found = store.find_file(id);
        },
        [this, found, respond](std::exception_ptr e) {
            if (e) return respond(Error{Errc::internal});
            // The same answer for "no such file" and "not yours": existence is not revealed.
            if (!*found) return respond(Error{Errc::not_found, "There is no such file."});
            auto path = media_.files.path_of((*found)->storage_name);
            respond(reply::FileContent{(*found)->stored.file, path.string()});
        });
}

}  // namespace parley::app
