#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The IRCv3 capabilities Parley knows, as data: one enumerator, one wire name
// and one CAP LS 302 value each. Which of them a server offers is decided by
// whoever builds a CapNegotiation, not here.
namespace parley::proto::irc {

enum class Cap : std::uint8_t {
    CapNotify,
    Sasl,
    ServerTime,
    MessageTags,
    EchoMessage,
    Batch,
    LabeledResponse,
    AccountTag,
    AccountNotify,
    ExtendedJoin,
    MultiPrefix,
    UserhostInNames,
    AwayNotify,
    InviteNotify,
    Setname,
    Chathistory,          // draft/chathistory
    AccountRegistration,  // draft/account-registration
    ReadMarker,           // draft/read-marker
};
inline constexpr std::size_t cap_count = 18;  // keep equal to the number of enumerators

// "draft/chathistory". Names are case-sensitive, as capability-negotiation says.
std::string_view cap_name(Cap cap);
std::optional<Cap> cap_from_name(std::string_view name);
// The value advertised to CAP LS 302 clients ("PLAIN" for sasl), empty for none.
std::string_view cap_value(Cap cap);
// What CAP LS lists: "sasl=PLAIN" from version 302 on, "sasl" before it.
std::string cap_ls_token(Cap cap, int ls_version);

// The CAP LS version from which values, multi-line replies and cap-notify apply.
inline constexpr int cap_version_302 = 302;

// A set of capabilities, e.g. those a connection has enabled.
class CapSet {
public:
    CapSet() = default;
    CapSet(std::initializer_list<Cap> caps);
    static CapSet all();

    bool has(Cap cap) const { return bits_.test(index(cap)); }
    void add(Cap cap) { bits_.set(index(cap)); }
    void remove(Cap cap) { bits_.reset(index(cap)); }
    bool empty() const { return bits_.none(); }
    std::size_t size() const { return bits_.count(); }
    // In enumerator order, so replies list capabilities in a stable order.
    std::vector<Cap> caps() const;

    friend bool operator==(const CapSet&, const CapSet&) = default;

private:
    static std::size_t index(Cap cap) { return static_cast<std::size_t>(cap); }

    std::bitset<cap_count> bits_;
};

}  // namespace parley::proto::irc
