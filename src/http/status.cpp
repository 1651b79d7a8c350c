#include "http/status.hpp"

#include <array>
#include <cstddef>

namespace parley::http {

namespace {

using core::Errc;

struct ErrcStatus {
    Errc code;
    int status;
};

// In the enum's order, one row per code; the static_assert below keeps it so.
constexpr std::array errc_statuses{
    ErrcStatus{Errc::bad_request, 400},
    ErrcStatus{Errc::unknown_command, 400},
    ErrcStatus{Errc::unauthorized, 401},
    ErrcStatus{Errc::forbidden, 403},
    ErrcStatus{Errc::not_found, 404},
    ErrcStatus{Errc::invalid_username, 400},
    ErrcStatus{Errc::invalid_password, 400},
    ErrcStatus{Errc::invalid_field, 400},
    ErrcStatus{Errc::empty_field, 400},
    ErrcStatus{Errc::username_taken, 409},
    ErrcStatus{Errc::invalid_credentials, 401},
    ErrcStatus{Errc::banned, 403},
    ErrcStatus{Errc::rate_limited, 429},
    ErrcStatus{Errc::invalid_room, 400},
    ErrcStatus{Errc::invalid_text, 400},
    ErrcStatus{Errc::not_member, 403},
    ErrcStatus{Errc::blocked, 403},
    ErrcStatus{Errc::too_large, 413},
    ErrcStatus{Errc::unsupported_image, 415},
    ErrcStatus{Errc::room_full, 403},
    ErrcStatus{Errc::wrong_key, 403},
    ErrcStatus{Errc::moderated, 403},
    ErrcStatus{Errc::invite_only, 403},
    ErrcStatus{Errc::bad_attachment, 400},
    ErrcStatus{Errc::quota_exceeded, 413},
    ErrcStatus{Errc::internal, 500},
};

constexpr bool covers_every_code() {
    if (errc_statuses.size() != static_cast<std::size_t>(Errc::internal) + 1) return false;
    for (std::size_t i = 0; i < errc_statuses.size(); ++i) {
        if (errc_statuses[i].code != static_cast<Errc>(i)) return false;
    }
    return true;
}
static_assert(covers_every_code(), "errc_statuses needs one row per Errc, in enum order");

}  // namespace

int http_status(Errc code) {
    auto index = static_cast<std::size_t>(code);
    return index < errc_statuses.size() ? errc_statuses[index].status : 500;
}

}  // namespace parley::http
