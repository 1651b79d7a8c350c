#include "hub_fixture.hpp"

namespace parley::test {
namespace {

class HubFilesTest : public HubTest {
protected:
    void SetUp() override {
        HubTest::SetUp();
        for (FileId id = 1; id <= 12; ++id) {
            UserId owner = id == 12 ? 3 : 2;  // file 12 is user 3's
            hub_.file_added(StoredFile{
                Attachment{id, "f" + std::to_string(id) + ".txt", id, "application/octet-stream",
                           "/api/v1/files/" + std::to_string(id) + "/f"},
                owner});
        }
    }
};

TEST_F(HubFilesTest, SendCarriesTheFilesInOrderAndPersistsThem) {
    auto outcome = run(2, cmd::Send{"general", "look", {3, 1}});
    ASSERT_TRUE(outcome.answer.ok());
    const auto& message = std::get<answer::Posted>(*outcome.answer).message;
    ASSERT_EQ(message.attachments.size(), 2u);
    EXPECT_EQ(message.attachments[0].id, 3);
    EXPECT_EQ(message.attachments[1].name, "f1.txt");
    const auto& stored = std::get<op::AppendMessage>(outcome.effects.persist.at(0)).message;
    EXPECT_EQ(stored.attachments.size(), 2u);
    EXPECT_EQ(receivers<event::MessagePosted>(outcome.effects), (std::vector<ConnId>{101, 103}));
}

TEST_F(HubFilesTest, WithFilesTheTextMayBeEmpty) {
    EXPECT_TRUE(run(2, cmd::Send{"general", "", {1}}).answer.ok());
    EXPECT_TRUE(run(2, cmd::SendDm{3, "", "", {2}}).answer.ok());
    EXPECT_EQ(code(run(2, cmd::Send{"general", "", {}})), Errc::invalid_text);
    EXPECT_EQ(code(run(2, cmd::Send{"general", std::string(4001, 'x'), {1}})), Errc::invalid_text);
}

TEST_F(HubFilesTest, OnlyTheSendersOwnKnownFilesUpToTen) {
    EXPECT_EQ(code(run(2, cmd::Send{"general", "x", {12}})), Errc::bad_attachment);
    EXPECT_EQ(code(run(2, cmd::Send{"general", "x", {99}})), Errc::bad_attachment);
    EXPECT_EQ(code(run(2, cmd::Send{"general", "x", {1, 1}})), Errc::bad_attachment);
    EXPECT_EQ(code(run(2, cmd::SendDm{3, "x", "", {12}})), Errc::bad_attachment);
    EXPECT_EQ(code(run(2, cmd::Send{"general", "x", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}})),
              Errc::bad_attachment);
    EXPECT_TRUE(run(2, cmd::Send{"general", "x", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}).answer.ok());
    EXPECT_TRUE(run(3, cmd::SendDm{2, "x", "", {12}}).answer.ok());
}

TEST_F(HubFilesTest, FilesFromTheSnapshotAreKnown) {
    HubSnapshot snapshot;
    snapshot.users.push_back(make_user(2));
    snapshot.files.push_back(StoredFile{Attachment{50, "old.txt", 1, "text/plain", "/u"}, 2});
    hub_ = Hub(HubOptions{.limits = false});
    hub_.load(snapshot);
    ASSERT_TRUE(hub_.connect(conn(2), make_user(2), session(2), now_).answer.ok());
    EXPECT_TRUE(run(2, cmd::SendDm{2, "", "", {50}}).answer.ok());
}

}  // namespace
}  // namespace parley::test
