#include "app/snapshot.hpp"

namespace parley::app {

core::HubSnapshot read_snapshot(store::Store& store) {
    core::HubSnapshot snapshot;
    snapshot.users = store.list_users();
    snapshot.rooms = store.list_rooms();
    for (auto& m : store.list_memberships()) snapshot.memberships.emplace_back(m.room, m.user);
    for (auto& b : store.list_room_bans()) snapshot.room_bans.emplace_back(b.room, b.user);
    for (auto& b : store.list_blocks()) snapshot.blocks.emplace_back(b.blocker, b.blocked);
    snapshot.last_message_id = store.last_message_id();
    snapshot.last_message_ts = store.last_message_ts();
    snapshot.files = store.list_files();
    return snapshot;
}

}  // namespace parley::app
