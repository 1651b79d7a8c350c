#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "media/file_vault.hpp"

namespace parley::media {
namespace {

namespace fs = std::filesystem;

class FileVaultTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "parley-vault-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
    }
    void TearDown() override { fs::remove_all(root_); }

    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream out;
        out << in.rdbuf();
        return out.str();
    }
    std::vector<std::string> names(const fs::path& folder) const {
        std::vector<std::string> out;
        for (const auto& entry : fs::directory_iterator(folder)) {
            out.push_back(entry.path().filename().string());
        }
        return out;
    }

    fs::path root_;
};

TEST_F(FileVaultTest, StoresUnderARandomNameWithNothingElseLeft) {
    FileVault vault(root_ / "files");
    auto first = vault.store("hello");
    auto second = vault.store("hello", "7-", ".png");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_TRUE(std::regex_match(*first, std::regex("[0-9a-f]{32}")));
    EXPECT_TRUE(std::regex_match(*second, std::regex("7-[0-9a-f]{32}\\.png")));
    EXPECT_EQ(read(vault.path_of(*first)), "hello");
    EXPECT_EQ(names(vault.folder()).size(), 2u);  // no temporary file
    vault.remove(*first);
    EXPECT_FALSE(fs::exists(root_ / "files" / *first));
}

TEST_F(FileVaultTest, TemporaryFilesOfACrashAreRemovedAtStart) {
    fs::create_directories(root_ / "files");
    std::ofstream(root_ / "files" / ".tmp-0123") << "half";
    std::ofstream(root_ / "files" / "kept") << "whole";
    FileVault vault(root_ / "files");
    EXPECT_EQ(names(vault.folder()), std::vector<std::string>{"kept"});
}

TEST_F(FileVaultTest, NamesWithAPathAreNeverUsed) {
    FileVault vault(root_ / "files");
    std::ofstream(root_ / "outside") << "keep me";
    for (const char* name : {"../outside", "/etc/passwd", "", ".tmp-x", "a/b"}) {
        EXPECT_TRUE(vault.path_of(name).empty()) << name;
        vault.remove(name);
    }
    EXPECT_TRUE(fs::exists(root_ / "outside"));
}

TEST_F(FileVaultTest, UnwritableFolderIsAnErrorValue) {
    FileVault vault(root_ / "files");
    fs::remove_all(root_ / "files");
    auto stored = vault.store("data");
    ASSERT_FALSE(stored.ok());
    EXPECT_EQ(stored.error().code, core::Errc::internal);
}

}  // namespace
}  // namespace parley::media
