#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"

namespace parley::http {

namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("parley-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(root_ / "assets");
        write("index.html", "<!doctype html>");
        write("assets/app-1a2b.js", "export {}");
        write("favicon.svg", "<svg/>");
    }
    void TearDown() override { fs::remove_all(root_); }

    void write(const std::string& name, const std::string& text) {
        std::ofstream(root_ / name) << text;
    }

    fs::path root_;
};

std::string header(const net::HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

TEST_F(StaticFilesTest, ServesIndexAtRootWithoutLongCaching) {
    auto files = StaticFiles::load(root_);
    EXPECT_EQ(files.size(), 3u);
    auto index = files.serve("GET", "/");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->body, "<!doctype html>");
    EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");
    EXPECT_EQ(header(*index, "X-Content-Type-Options"), "nosniff");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
    auto files = StaticFiles::load(root_);
    auto script = files.serve("GET", "/assets/app-1a2b.js");
    ASSERT_TRUE(script.has_value());
    EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(header(*script, "Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(files.serve("GET", "/favicon.svg")->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, ServesOnlyWhatWasLoaded) {
    auto files = StaticFiles::load(root_);
    EXPECT_FALSE(files.serve("GET", "/missing.js").has_value());
    EXPECT_FALSE(files.serve("GET", "/../index.html").has_value());
    EXPECT_FALSE(files.serve("GET", "/assets/../index.html").has_value());
    EXPECT_FALSE(files.serve("POST", "/").has_value());
    write("late.js", "x");  // written after start-up: not served
    EXPECT_FALSE(files.serve("GET", "/late.js").has_value());
}

TEST_F(StaticFilesTest, MissingFolderIsEmpty) {
    auto files = StaticFiles::load(root_ / "nope");
    EXPECT_TRUE(files.empty());
    EXPECT_FALSE(files.serve("GET", "/").has_value());
}

}  // namespace

}  // namespace parley::http
