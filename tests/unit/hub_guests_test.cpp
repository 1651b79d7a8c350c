// IRC guests in the Hub: their nick is theirs only while connected, and a
// visit ends with the last connection.
#include "hub_fixture.hpp"

namespace parley::test {

namespace {

using Ids = std::vector<ConnId>;

User make_guest(UserId id, std::string nick) {
    User guest;
    guest.id = id;
    guest.username = std::move(nick);
    guest.display_name = guest.username;
    guest.guest = true;
    return guest;
}

TEST_F(HubTest, AGuestHoldsItsNickOnlyWhileConnected) {
    EXPECT_TRUE(hub_.name_in_use("USER2"));  // accounts always hold theirs
    EXPECT_FALSE(hub_.name_in_use("visitor"));
    ASSERT_TRUE(hub_.connect(500, make_guest(50, "Visitor"), {}, now_).answer.ok());
    EXPECT_TRUE(hub_.name_in_use("visitor"));
    auto visible = hub_.all_users();
    EXPECT_EQ(visible.size(), 4u);
    hub_.disconnect(500);
    EXPECT_FALSE(hub_.name_in_use("visitor"));
    EXPECT_EQ(hub_.all_users().size(), 3u);  // gone from the directory
    EXPECT_TRUE(hub_.find_user(50).has_value());  // but history can still name them
}

TEST_F(HubTest, AGuestsVisitEndsByLeavingItsRooms) {
    ASSERT_TRUE(hub_.connect(500, make_guest(50, "visitor"), {}, now_).answer.ok());
    ASSERT_TRUE(hub_.handle(500, cmd::Join{"general"}, ++now_).answer.ok());
    auto gone = hub_.disconnect(500);
    EXPECT_EQ(receivers<event::Left>(gone), (Ids{conn(1), conn(2), conn(3)}));
    ASSERT_EQ(gone.persist.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<op::RemoveMember>(gone.persist[0]));
    auto stats = std::get<answer::Stats>(run(1, cmd::Stats{}).answer.value());
    EXPECT_EQ(stats.accounts, 3);
}

TEST_F(HubTest, GuestRowsFromTheStoreDoNotShadowAccounts) {
    HubSnapshot snapshot;
    snapshot.users.push_back(make_user(2));
    snapshot.users.push_back(make_guest(60, "user2"));  // an old visit under the same name
    hub_ = Hub(HubOptions{.limits = false});
    hub_.load(snapshot);
    ASSERT_TRUE(hub_.connect(conn(2), make_user(2), session(2), now_).answer.ok());
    ASSERT_TRUE(hub_.connect(conn(3), make_user(3), session(3), now_).answer.ok());
    auto sent = hub_.handle(conn(3), cmd::SendDm{0, "hi", "user2"}, ++now_);
    ASSERT_TRUE(sent.answer.ok());
    EXPECT_EQ(std::get<answer::Posted>(sent.answer.value()).message.to, 2);
}

}  // namespace

}  // namespace parley::test
