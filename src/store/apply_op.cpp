#include "store/apply_op.hpp"

namespace parley::store {

namespace op = core::op;

namespace {

struct Applier {
    Store& store;

    void operator()(const op::EnsureRoom& o) { store.ensure_room(o.room, o.now); }
    void operator()(const op::AddMember& o) { store.add_member(o.room, o.user); }
    void operator()(const op::RemoveMember& o) { store.remove_member(o.room, o.user); }
    void operator()(const op::AddRoomBan& o) { store.add_room_ban(o.room, o.user); }
    void operator()(const op::RemoveRoomBan& o) { store.remove_room_ban(o.room, o.user); }
    void operator()(const op::AddBlock& o) { store.add_block(o.blocker, o.blocked); }
    void operator()(const op::RemoveBlock& o) { store.remove_block(o.blocker, o.blocked); }
    void operator()(const op::AppendMessage& o) { store.append_message(o.message); }
    void operator()(const op::SetBanned& o) { store.set_banned(o.user, o.banned); }
    void operator()(const op::SetDisplayName& o) {
        store.update_profile(o.user, ProfileUpdate{o.display_name, std::nullopt, std::nullopt});
    }
    void operator()(const op::SaveRoom& o) { store.save_room(o.room); }
    void operator()(const op::SetRoomRole& o) { store.set_room_role(o.room, o.user, o.role); }
    void operator()(const op::RevokeSessions& o) { store.delete_sessions_of(o.user, std::nullopt); }
};

}  // namespace

void apply(Store& store, const core::StoreOp& op) { std::visit(Applier{store}, op); }

}  // namespace parley::store
