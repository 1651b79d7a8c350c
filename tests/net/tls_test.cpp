// TlsContext, the self-signed pair, and what a TLS listener does with clients that never
// complete a handshake. The TLS happy paths run end to end in tests/integration/test_tls.py.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "line_fixture.hpp"
#include "net/self_signed_cert.hpp"
#include "net/tls_context.hpp"
#include "test_client.hpp"

namespace parley::net::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A fresh folder for one test, removed at its end.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "parley-tls-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

TlsFiles make_pair(const fs::path& folder) {
    fs::create_directories(folder);
    TlsFiles files{folder / "cert.pem", folder / "key.pem"};
    auto written = write_self_signed({"127.0.0.1", files, 30});
    if (!written) throw std::runtime_error(written.error().message);
    return files;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(TlsContext, LoadsASelfSignedPair) {
    TempFolder folder;
    auto files = make_pair(folder.path());
    EXPECT_EQ(fs::status(files.key).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    auto loaded = TlsContext::load(files);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ((*loaded)->expires().size(), std::string("2027-11-22T04:29:42Z").size());
    EXPECT_TRUE((*loaded)->reload());
}

TEST(TlsContext, AMissingFileIsNamed) {
    TempFolder folder;
    auto files = make_pair(folder.path());
    files.key = folder.path() / "missing.pem";
    auto loaded = TlsContext::load(files);
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, core::Errc::invalid_field);
    EXPECT_TRUE(contains(loaded.error().message, "Cannot read the TLS key"));
    EXPECT_TRUE(contains(loaded.error().message, files.key.string()));
}

TEST(TlsContext, AKeyOfAnotherCertificateIsAMismatch) {
    TempFolder folder;
    auto files = make_pair(folder.path() / "one");
    files.key = make_pair(folder.path() / "two").key;
    auto loaded = TlsContext::load(files);
    ASSERT_FALSE(loaded);
    EXPECT_TRUE(contains(loaded.error().message, "does not match the certificate"));
}

TEST(TlsContext, AFailedReloadReportsAndCanBeRetried) {
    TempFolder folder;
    auto files = make_pair(folder.path());
    auto loaded = TlsContext::load(files);
    ASSERT_TRUE(loaded);
    std::ofstream(files.certificate) << "not a certificate\n";
    auto reloaded = (*loaded)->reload();
    ASSERT_FALSE(reloaded);
    EXPECT_TRUE(contains(reloaded.error().message, "not a usable PEM certificate"));
    make_pair(folder.path());
    EXPECT_TRUE((*loaded)->reload());
}

struct TlsLineServer {
    explicit TlsLineServer(const fs::path& folder) {
        LineServerOptions options;
        auto context = TlsContext::load(make_pair(folder));
        if (!context) throw std::runtime_error(context.error().message);
        options.tls.context = *context;
        options.tls.handshake_timeout = 200ms;
        options.tls.note = notes.sink();
        fixture = std::make_unique<LineServerFixture>(std::move(options));
    }
    LogCapture notes;
    std::unique_ptr<LineServerFixture> fixture;
};

TEST(TlsListener, ASilentClientIsCutOffAtTheHandshakeTimeout) {
    TempFolder folder;
    TlsLineServer server(folder.path());
    LineClient client(server.fixture->address());
    EXPECT_TRUE(client.closed_by_server(3s));
    EXPECT_TRUE(server.notes.logged("event=tls_handshake_failed proto=irc"));
    EXPECT_TRUE(server.notes.logged("timeout"));
    EXPECT_TRUE(server.fixture->lines.wait_opened(0).empty());
}

TEST(TlsListener, APlaintextClientIsClosedAndNeverReachesTheHandler) {
    TempFolder folder;
    TlsLineServer server(folder.path());
    LineClient client(server.fixture->address());
    client.write("NICK plain\r\nUSER u 0 * :plain\r\n");
    EXPECT_TRUE(client.closed_by_server(3s));
    EXPECT_TRUE(server.notes.logged("event=tls_handshake_failed proto=irc peer=127.0.0.1"));
    EXPECT_TRUE(server.fixture->lines.wait_opened(0).empty());
}

}  // namespace
}  // namespace parley::net::testing
