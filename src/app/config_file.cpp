#include "app/config_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "app/config_values.hpp"

namespace parley::app::detail {
namespace {

std::string_view describe_type(toml::node_type type) {
    switch (type) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a decimal number";
        case toml::node_type::boolean:
            return "true or false";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::date:
        case toml::node_type::time:
        case toml::node_type::date_time:
            return "a date or time";
        default:
            return "nothing";
    }
}

std::optional<std::string> read_text(const std::filesystem::path& file, std::string& error) {
    std::error_code code;
    if (std::filesystem::is_directory(file, code)) {
        error = "it is a folder, not a file";
        return std::nullopt;
    }
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    std::string text{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    if (stream.bad()) {
        error = "reading failed";
        return std::nullopt;
    }
    return text;
}

std::string_view describe_kind(ValueKind kind) {
    switch (kind) {
        case ValueKind::text:
            return "a string";
        case ValueKind::path:
            return "a string (a path)";
        case ValueKind::integer:
            return "an integer";
        case ValueKind::boolean:
            return "true or false";
        case ValueKind::size:
            return "an integer or a string such as \"4MiB\"";
    }
    return "a value";
}

// Server and network names travel as single IRC words; a password may hold anything.
enum class IrcText { one_word, any };

// Walks one parsed file; each method handles one part of the key layout.
class FileReader {
public:
    FileReader(const std::filesystem::path& file, std::vector<std::string>& problems,
               std::vector<std::string>& warnings)
        : file_(file), problems_(problems), warnings_(warnings) {}

    FileLayer read(const toml::table& root);

private:
    std::string where(std::string_view key) const {
        return "config key '" + std::string(key) + "' in " + file_.string();
    }
    void wrong_type(std::string_view key, std::string_view expected, const toml::node& node) {
        problems_.push_back(where(key) + " must be " + std::string(expected) + ", not " +
                            std::string(describe_type(node.type())) + ".");
    }
    void unknown(std::string_view key) {
        warnings_.push_back("unknown config key '" + std::string(key) + "' in " + file_.string());
    }
    const toml::table* table_at(std::string_view key, const toml::node& node);
    void read_entry(const std::string& key, const toml::node& node);
    void read_scalar(const ScalarSetting& setting, const toml::node& node);
    void read_list(const ListSetting& setting, const toml::node& node);
    void read_irc_server(const toml::node& node);
    void read_irc_text(std::string_view key, const toml::node& node, std::string& target,
                       IrcText form);
    void read_history_replay(const toml::node& node);
    void read_opers(const toml::node& node);
    std::optional<IrcOper> read_oper(const toml::node& node, std::size_t number);

    std::filesystem::path file_;
    std::vector<std::string>& problems_;
    std::vector<std::string>& warnings_;
    FileLayer layer_;
};

FileLayer FileReader::read(const toml::table& root) {
    for (auto&& [key, node] : root) {
        const std::string name(key.str());
        if (name == "tls") {
            if (const auto* tls = table_at(name, node)) {
                for (auto&& [inner, value] : *tls) read_entry("tls." + std::string(inner), value);
            }
        } else if (name == "irc_server") {
            read_irc_server(node);
        } else {
            read_entry(name, node);
        }
    }
    return std::move(layer_);
}

const toml::table* FileReader::table_at(std::string_view key, const toml::node& node) {
    if (!node.is_table()) wrong_type(key, "a table", node);
    return node.as_table();
}

void FileReader::read_entry(const std::string& key, const toml::node& node) {
    const auto scalars = scalar_settings();
    const auto scalar = std::ranges::find(scalars, key, &ScalarSetting::key);
    if (scalar != scalars.end()) return read_scalar(*scalar, node);
    const auto lists = list_settings();
    const auto list = std::ranges::find(lists, key, &ListSetting::key);
    if (list != lists.end()) return read_list(*list, node);
    unknown(key);
}

void FileReader::read_scalar(const ScalarSetting& setting, const toml::node& node) {
    std::optional<std::string> text;
    switch (setting.kind) {
        case ValueKind::text:
            text = node.value<std::string>();
            break;
        case ValueKind::path:
            if (auto value = node.value<std::string>()) {
                const std::filesystem::path path(*value);
                const bool relative = !value->empty() && path.is_relative();
                text = relative ? (file_.parent_path() / path).lexically_normal().string() : *value;
            }
            break;
        case ValueKind::integer:
            if (node.is_integer()) text = std::to_string(*node.value<std::int64_t>());
            break;
        case ValueKind::boolean:
            // Strings too, so "on" and "off" mean what they mean in flags and variables.
            if (node.is_boolean()) text = *node.value<bool>() ? "true" : "false";
            if (node.is_string()) text = node.value<std::string>();
            break;
        case ValueKind::size:
            if (node.is_integer()) text = std::to_string(*node.value<std::int64_t>());
            if (node.is_string()) text = node.value<std::string>();
            break;
    }
    if (!text) return wrong_type(setting.key, describe_kind(setting.kind), node);
    layer_.settings.*setting.field = RawValue{std::move(*text), where(setting.key)};
}

void FileReader::read_list(const ListSetting& setting, const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) return wrong_type(setting.key, "an array of strings", node);
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::node& item = (*array)[index];
        if (item.is_string()) continue;
        problems_.push_back(where(setting.key) + " must be an array of strings, but item " +
                            std::to_string(index + 1) + " is " +
                            std::string(describe_type(item.type())) + ".");
        return;
    }
    RawList list{{}, where(setting.key)};
    for (const auto& item : *array) list.items.push_back(*item.value<std::string>());
    layer_.settings.*setting.field = std::move(list);
}

void FileReader::read_irc_server(const toml::node& node) {
    const auto* table = table_at("irc_server", node);
    if (table == nullptr) return;
    auto& server = layer_.irc_server;
    for (auto&& [key, value] : *table) {
        const std::string name = "irc_server." + std::string(key.str());
        if (key == "name") {
            read_irc_text(name, value, server.name, IrcText::one_word);
        } else if (key == "network") {
            read_irc_text(name, value, server.network, IrcText::one_word);
        } else if (key == "password") {
            read_irc_text(name, value, server.password, IrcText::any);
        } else if (key == "history_replay") {
            read_history_replay(value);
        } else if (key == "opers") {
            read_opers(value);
        } else {
            unknown(name);
        }
    }
}

void FileReader::read_irc_text(std::string_view key, const toml::node& node, std::string& target,
                               IrcText form) {
    if (!node.is_string()) return wrong_type(key, "a string", node);
    const std::string value = *node.value<std::string>();
    const bool bad = form == IrcText::one_word &&
                     (value.empty() || value.find_first_of(" \t\r\n") != std::string::npos);
    if (bad) {
        problems_.push_back(
            describe_problem(where(key), value, "expected one word without spaces"));
        return;
    }
    target = value;
}

void FileReader::read_history_replay(const toml::node& node) {
    const std::string_view key = "irc_server.history_replay";
    if (!node.is_integer()) return wrong_type(key, "an integer", node);
    const std::int64_t lines = *node.value<std::int64_t>();
    if (lines < 0 || lines > max_history_replay) {
        problems_.push_back(describe_problem(
            where(key), std::to_string(lines),
            "expected a number of lines from 0 to " + std::to_string(max_history_replay)));
        return;
    }
    layer_.irc_server.history_replay = static_cast<int>(lines);
}

void FileReader::read_opers(const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) return wrong_type("irc_server.opers", "an array of tables", node);
    for (std::size_t index = 0; index < array->size(); ++index) {
        if (auto oper = read_oper((*array)[index], index + 1)) {
            layer_.irc_server.opers.push_back(std::move(*oper));
        }
    }
}

std::optional<IrcOper> FileReader::read_oper(const toml::node& node, std::size_t number) {
    const auto* table = table_at("irc_server.opers", node);
    if (table == nullptr) return std::nullopt;
    for (auto&& [key, value] : *table) {
        if (key != "name" && key != "password") unknown("irc_server.opers." + std::string(key));
    }
    IrcOper oper{(*table)["name"].value_or(std::string{}),
                 (*table)["password"].value_or(std::string{})};
    if (oper.name.empty() || oper.password.empty()) {
        problems_.push_back("Entry " + std::to_string(number) + " of [[irc_server.opers]] in " +
                            file_.string() + " needs a name and a password, both strings.");
        return std::nullopt;
    }
    return oper;
}

}  // namespace

FileLayer read_config_file(const std::filesystem::path& file, std::string_view named_by,
                           std::vector<std::string>& problems, std::vector<std::string>& warnings) {
    std::string error;
    const auto text = read_text(file, error);
    if (!text) {
        problems.push_back("Cannot read config file '" + file.string() + "' (named by " +
                           std::string(named_by) + "): " + error + ".");
        return {};
    }
    toml::table root;
    try {
        root = toml::parse(*text, file.string());
    } catch (const toml::parse_error& failure) {
        const auto& begin = failure.source().begin;
        problems.push_back("Config file '" + file.string() +
                           "' is not valid TOML: " + std::string(failure.description()) +
                           " (line " + std::to_string(begin.line) + ", column " +
                           std::to_string(begin.column) + ").");
        return {};
    }
    return FileReader(file, problems, warnings).read(root);
}

}  // namespace parley::app::detail
