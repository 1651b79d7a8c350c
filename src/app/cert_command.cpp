#include "app/cert_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "net/self_signed_cert.hpp"

namespace parley::app {

namespace {

constexpr int usage_error = 2;

struct CertArguments {
    std::string host;
    std::filesystem::path out = ".";
    int days = 365;
};

int fail(const std::string& problem) {
    std::cerr << "parleyd: " << problem << "\nparleyd: see parleyd cert self-signed --help\n";
    return usage_error;
}

}  // namespace

int run_cert_command(int argc, const char* const* argv) {
    CertArguments arguments;
    CLI::App app{"TLS certificates for parleyd", "parleyd cert"};
    app.require_subcommand(1);
    auto* self_signed = app.add_subcommand(
        "self-signed", "Write a self-signed certificate (cert.pem) and key (key.pem) to try TLS");
    self_signed->add_option("--host", arguments.host, "Host name or IP address clients connect to")
        ->required();
    self_signed->add_option("--out", arguments.out, "Folder of the two files; made if missing")
        ->capture_default_str();
    self_signed->add_option("--days", arguments.days, "Validity in days")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        return fail(error.what());
    }
    std::error_code ignored;
    std::filesystem::create_directories(arguments.out, ignored);
    const net::TlsFiles files{arguments.out / "cert.pem", arguments.out / "key.pem"};
    auto written = net::write_self_signed({arguments.host, files, arguments.days});
    if (!written) return fail(written.error().message);
    std::cout << "Wrote " << files.certificate.string() << " and " << files.key.string()
              << " (self-signed for " << arguments.host << ", " << arguments.days
              << " days).\nStart with: parleyd --tls-cert " << files.certificate.string()
              << " --tls-key " << files.key.string() << "\n";
    return 0;
}

}  // namespace parley::app
