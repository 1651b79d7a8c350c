#include "app/config_help.hpp"

#include <string_view>

#include "app/config_settings.hpp"

namespace parley::app::detail {
namespace {

constexpr std::size_t help_width = 100;
constexpr std::size_t description_column = 30;

constexpr std::string_view usage =
    "Usage:\n"
    "  parleyd [--config FILE] [--data DIR] [--http HOST:PORT] [--irc HOST:PORT|off]\n"
    "          [--irc-tls HOST:PORT] [--tls-cert FILE --tls-key FILE] [--admin NAME]...\n"
    "          [--shards N] [--limits on|off] [--guests on|off] [--log-level LEVEL]\n"
    "          [--allowed-origin ORIGIN]...\n"
    "  parleyd user add|promote|ban NAME [flags]\n"
    "  parleyd cert self-signed --host NAME [--out DIR] [--days N]\n"
    "  parleyd --help | --version\n"
    "\n"
    "Settings come from the defaults, then the TOML config file, then PARLEY_* environment\n"
    "variables, then flags; each later source wins, except that admins from all of them count.\n"
    "\n"
    "Flags:\n";

// Appends `text` as words wrapped to help_width, continuation lines indented to the column.
void append_wrapped(std::string& out, std::string_view text) {
    std::size_t column = description_column;
    while (!text.empty()) {
        const auto space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        if (column > description_column && column + 1 + word.size() > help_width) {
            out += "\n" + std::string(description_column, ' ');
            column = description_column;
        } else if (column > description_column) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    }
    out += '\n';
}

void append_entry(std::string& out, std::string_view flag, std::string_view value_name,
                  std::string_view sentence) {
    std::string name = "  " + std::string(flag);
    if (!value_name.empty()) name += " " + std::string(value_name);
    out += name;
    if (name.size() + 1 > description_column) {
        out += "\n" + std::string(description_column, ' ');
    } else {
        out += std::string(description_column - name.size(), ' ');
    }
    append_wrapped(out, sentence);
}

// "tls.cert" is written as the file has it: cert in [tls].
std::string describe_key(std::string_view key) {
    const auto dot = key.find('.');
    if (dot == std::string_view::npos) return std::string(key);
    return std::string(key.substr(dot + 1)) + " in [" + std::string(key.substr(0, dot)) + "]";
}

template <typename Setting>
std::string sentence_of(const Setting& setting) {
    return std::string(setting.help) + ". Config key " + describe_key(setting.key) + ", variable " +
           std::string(setting.variable) + ".";
}

}  // namespace

std::string help_text() {
    std::string out(usage);
    append_entry(out, "--config", "FILE",
                 "TOML config file; relative paths in it are taken from its folder. Unknown keys "
                 "are warned about, not fatal. Default: none. Variable PARLEY_CONFIG.");
    for (const auto& setting : scalar_settings()) {
        append_entry(out, setting.flag, setting.value_name, sentence_of(setting));
    }
    for (const auto& setting : list_settings()) {
        append_entry(out, setting.flag, setting.value_name,
                     sentence_of(setting) + " The variable takes a comma-separated list.");
    }
    append_entry(out, "--help", "", "Print this help and exit.");
    append_entry(out, "--version", "", "Print the version and exit.");
    out += "\nSubcommand (flags may come before or after it):\n";
    append_entry(out, "user add", "NAME", "Create the account NAME, then exit.");
    append_entry(out, "user promote", "NAME", "Make the account NAME an admin, then exit.");
    append_entry(out, "user ban", "NAME", "Ban the account NAME from the server, then exit.");
    return out;
}

}  // namespace parley::app::detail
