#include "proto/irc/capabilities.hpp"

#include <algorithm>
#include <iterator>

namespace parley::proto::irc {

namespace {

struct CapInfo {
    Cap cap;
    std::string_view name;
    std::string_view value;
};

// In enumerator order: cap_name() indexes it.
constexpr CapInfo cap_table[] = {
    {Cap::CapNotify, "cap-notify", ""},
    {Cap::Sasl, "sasl", "PLAIN"},
    {Cap::ServerTime, "server-time", ""},
    {Cap::MessageTags, "message-tags", ""},
    {Cap::EchoMessage, "echo-message", ""},
    {Cap::Batch, "batch", ""},
    {Cap::LabeledResponse, "labeled-response", ""},
    {Cap::AccountTag, "account-tag", ""},
    {Cap::AccountNotify, "account-notify", ""},
    {Cap::ExtendedJoin, "extended-join", ""},
    {Cap::MultiPrefix, "multi-prefix", ""},
    {Cap::UserhostInNames, "userhost-in-names", ""},
    {Cap::AwayNotify, "away-notify", ""},
    {Cap::InviteNotify, "invite-notify", ""},
    {Cap::Setname, "setname", ""},
    {Cap::Chathistory, "draft/chathistory", ""},
    // REGISTER works before registration completes: a new IRC user can sign up
    // and sign in within one connection.
    {Cap::AccountRegistration, "draft/account-registration", "before-connect"},
    {Cap::ReadMarker, "draft/read-marker", ""},
};
static_assert(std::size(cap_table) == cap_count, "one row per Cap");

constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i < std::size(cap_table); ++i) {
        if (static_cast<std::size_t>(cap_table[i].cap) != i) return false;
    }
    return true;
}
static_assert(table_in_enum_order(), "cap_table rows follow the order of Cap");

const CapInfo& info(Cap cap) { return cap_table[static_cast<std::size_t>(cap)]; }

}  // namespace

std::string_view cap_name(Cap cap) { return info(cap).name; }

std::string_view cap_value(Cap cap) { return info(cap).value; }

std::optional<Cap> cap_from_name(std::string_view name) {
    auto row = std::find_if(std::begin(cap_table), std::end(cap_table),
                            [&](const CapInfo& i) { return i.name == name; });
    if (row == std::end(cap_table)) return std::nullopt;
    return row->cap;
}

std::string cap_ls_token(Cap cap, int ls_version) {
    std::string token(cap_name(cap));
    if (ls_version >= cap_version_302 && !cap_value(cap).empty()) {
        token += '=';
        token += cap_value(cap);
    }
    return token;
}

CapSet::CapSet(std::initializer_list<Cap> caps) {
    for (auto cap : caps) add(cap);
}

CapSet CapSet::all() {
    CapSet set;
    set.bits_.set();
    return set;
}

std::vector<Cap> CapSet::caps() const {
    std::vector<Cap> out;
    for (std::size_t i = 0; i < cap_count; ++i) {
        if (bits_.test(i)) out.push_back(static_cast<Cap>(i));
    }
    return out;
}

}  // namespace parley::proto::irc
