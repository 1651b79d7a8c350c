// parleyd: the Parley chat server, and its terminal administration commands.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/cert_command.hpp"
#include "app/config.hpp"
#include "app/credentials.hpp"
#include "app/server.hpp"
#include "app/user_admin.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

void set_up_logging(const std::string& level) {
    auto logger = spdlog::stderr_color_mt("parleyd");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace parley::app;
    // Needs no config, data folder or logging: it only writes two files.
    if (argc >= 2 && std::string_view(argv[1]) == "cert") {
        return run_cert_command(argc - 1, argv + 1);
    }
    auto parsed = parse_invocation(argc, argv, current_environment());
    if (auto* errors = std::get_if<ConfigErrors>(&parsed)) {
        for (const auto& problem : errors->problems) std::cerr << "parleyd: " << problem << '\n';
        std::cerr << "parleyd: see parleyd --help\n";
        return 2;
    }
    auto& invocation = std::get<Invocation>(parsed);
    if (invocation.show_help) {
        std::cout << invocation.help_text;
        return 0;
    }
    if (invocation.show_version) {
        std::cout << "parleyd " << parley_version() << '\n';
        return 0;
    }
    set_up_logging(invocation.config.log_level);
    if (invocation.config.web_root.empty()) {
        // Installed beside the binary: build/parleyd serves build/web.
        std::error_code ec;
        auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        invocation.config.web_root = ec ? std::filesystem::path("web") : exe.parent_path() / "web";
    }
    for (const auto& warning : invocation.warnings) spdlog::warn("event=config_warning {}", warning);
    try {
        if (invocation.user_command) {
            init_crypto();
            auto store =
                parley::store::open_sqlite_store(invocation.config.data / "parley.db");
            return run_user_command(*store, *invocation.user_command);
        }
        return run_server(invocation.config);
    } catch (const std::exception& error) {
        spdlog::critical("event=fatal error=\"{}\"", error.what());
        return 1;
    }
}
