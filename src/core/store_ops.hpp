#pragma once

#include <string>
#include <variant>

#include "core/model.hpp"

namespace parley::core {

// State changes the Hub asks to be made durable. They are data so the Hub
// stays free of I/O; the store adapter applies them in one transaction, and
// nothing that depends on them is delivered before it commits.
namespace op {

struct EnsureRoom {
    std::string room;
    TimeMs now = 0;
};
struct AddMember {
    std::string room;
    UserId user = 0;
};
struct RemoveMember {
    std::string room;
    UserId user = 0;
};
struct AddRoomBan {
    std::string room;
    UserId user = 0;
};
struct RemoveRoomBan {
    std::string room;
    UserId user = 0;
};
struct AddBlock {
    UserId blocker = 0;
    UserId blocked = 0;
};
struct RemoveBlock {
    UserId blocker = 0;
    UserId blocked = 0;
};
struct AppendMessage {
    Message message;
};
struct SetBanned {
    UserId user = 0;
    bool banned = false;
};
struct RevokeSessions {
    UserId user = 0;
};
struct SetDisplayName {
    UserId user = 0;
    std::string display_name;
};

// A room's topic and modes, as they are now.
struct SaveRoom {
    Room room;
};
// RoomRole::member removes the operator or voice standing.
struct SetRoomRole {
    std::string room;
    UserId user = 0;
    RoomRole role = RoomRole::member;
};

}  // namespace op

using StoreOp = std::variant<op::EnsureRoom, op::AddMember, op::RemoveMember, op::AddRoomBan,
                             op::RemoveRoomBan, op::AddBlock, op::RemoveBlock, op::AppendMessage,
                             op::SetBanned, op::RevokeSessions, op::SetDisplayName, op::SaveRoom,
                             op::SetRoomRole>;

}  // namespace parley::core
