#include "app/config.hpp"

#include <CLI/CLI.hpp>

#include "app/config_env.hpp"
#include "app/config_file.hpp"
#include "app/config_help.hpp"
#include "app/config_settings.hpp"

// CLI11 stays inside this file: it splits argv into flag values, and everything after that
// (checking values, layering sources) is shared with the environment and the config file.

namespace parley::app {
namespace {

constexpr std::string_view version = "0.1.0";

// The command line split into text, before any value is checked.
struct CommandLine {
    detail::RawSettings settings;
    std::optional<std::string> config_file;
    bool help = false;
    bool version = false;
    bool user = false;  // the `user` subcommand was given
    std::vector<std::string> user_words;
    std::vector<std::string> extras;  // arguments nothing claimed
};

class FlagParser {
public:
    FlagParser();
    // Returns nullopt, with the reason in `problems`, when CLI11 cannot split the line at all.
    std::optional<CommandLine> parse(int argc, const char* const* argv,
                                     std::vector<std::string>& problems);

private:
    CommandLine collect() const;

    CLI::App app_{"Parley chat server", "parleyd"};
    CLI::App* user_ = nullptr;
    std::vector<std::string> scalar_values_;
    std::vector<std::vector<std::string>> list_values_;
    std::vector<CLI::Option*> scalar_options_;
    std::vector<CLI::Option*> list_options_;
    std::string config_file_;
    CLI::Option* config_option_ = nullptr;
    bool version_ = false;
    std::vector<std::string> user_words_;
};

FlagParser::FlagParser()
    : scalar_values_(detail::scalar_settings().size()),
      list_values_(detail::list_settings().size()) {
    // Help text comes from config_help.cpp; unknown arguments are gathered and reported with
    // the other problems instead of stopping at the first.
    app_.set_help_flag("--help");
    app_.allow_extras();
    config_option_ = app_.add_option("--config", config_file_)->type_name("FILE");
    app_.add_flag("--version", version_);
    const auto scalars = detail::scalar_settings();
    for (std::size_t i = 0; i < scalars.size(); ++i) {
        // A repeated flag takes its last value, so scripts can append overrides.
        scalar_options_.push_back(app_.add_option(std::string(scalars[i].flag), scalar_values_[i])
                                      ->type_name(std::string(scalars[i].value_name))
                                      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast));
    }
    const auto lists = detail::list_settings();
    for (std::size_t i = 0; i < lists.size(); ++i) {
        // One value per occurrence: `--admin alice bob` must not swallow a stray argument.
        list_options_.push_back(app_.add_option(std::string(lists[i].flag), list_values_[i])
                                    ->type_name(std::string(lists[i].value_name))
                                    ->allow_extra_args(false));
    }
    user_ = app_.add_subcommand("user", "Manage an account, then exit");
    user_->add_option("words", user_words_);
    user_->allow_extras();
    user_->fallthrough();  // flags may follow the subcommand: `parleyd user add bob --data x`
}

std::optional<CommandLine> FlagParser::parse(int argc, const char* const* argv,
                                             std::vector<std::string>& problems) {
    try {
        app_.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        CommandLine line;
        line.help = true;
        return line;
    } catch (const CLI::ParseError& error) {
        problems.push_back("The command line could not be read: " + std::string(error.what()) +
                           ".");
        return std::nullopt;
    }
    return collect();
}

CommandLine FlagParser::collect() const {
    CommandLine line;
    const auto scalars = detail::scalar_settings();
    for (std::size_t i = 0; i < scalars.size(); ++i) {
        if (scalar_options_[i]->count() == 0) continue;
        line.settings.*scalars[i].field =
            detail::RawValue{scalar_values_[i], std::string(scalars[i].flag)};
    }
    const auto lists = detail::list_settings();
    for (std::size_t i = 0; i < lists.size(); ++i) {
        if (list_options_[i]->count() == 0) continue;
        line.settings.*lists[i].field =
            detail::RawList{list_values_[i], std::string(lists[i].flag)};
    }
    if (config_option_->count() > 0) line.config_file = config_file_;
    line.version = version_;
    line.user = user_->parsed();
    line.user_words = user_words_;
    line.extras = app_.remaining(true);
    return line;
}

std::optional<UserCommand> check_user_command(const CommandLine& line,
                                              std::vector<std::string>& problems) {
    if (!line.user) return std::nullopt;
    const auto& words = line.user_words;
    static const std::map<std::string, UserAction, std::less<>> actions{
        {"add", UserAction::add}, {"promote", UserAction::promote}, {"ban", UserAction::ban}};
    const auto action = words.empty() ? actions.end() : actions.find(words[0]);
    if (action == actions.end()) {
        const std::string given = words.empty() ? "missing" : "'" + words[0] + "'";
        problems.push_back("The user subcommand's action is " + given +
                           ": expected parleyd user add|promote|ban NAME.");
        return std::nullopt;
    }
    if (words.size() < 2 || words[1].empty()) {
        problems.push_back("parleyd user " + words[0] + " needs the account NAME.");
        return std::nullopt;
    }
    for (std::size_t i = 2; i < words.size(); ++i) {
        problems.push_back("Unexpected argument '" + words[i] + "' after parleyd user " + words[0] +
                           " " + words[1] + ".");
    }
    return UserCommand{action->second, words[1]};
}

void report_extras(const CommandLine& line, std::vector<std::string>& problems) {
    for (const auto& extra : line.extras) {
        const bool flag = extra.starts_with('-');
        problems.push_back((flag ? "Unknown flag '" : "Unexpected argument '") + extra + "'.");
    }
}

// The config file named by --config, else by PARLEY_CONFIG; an empty variable counts as unset.
void apply_config_file(Invocation& invocation, const CommandLine& line,
                       const std::map<std::string, std::string>& environment,
                       std::vector<std::string>& problems) {
    std::string file;
    std::string named_by = "--config";
    if (line.config_file) {
        file = *line.config_file;
    } else if (const auto found = environment.find(std::string(detail::config_file_variable));
               found != environment.end()) {
        file = found->second;
        named_by = detail::config_file_variable;
    }
    if (file.empty()) {
        if (line.config_file) problems.push_back("--config is '': expected a path.");
        return;
    }
    auto layer = detail::read_config_file(file, named_by, problems, invocation.warnings);
    detail::apply_settings(invocation.config, layer.settings, problems);
    invocation.config.irc_server = std::move(layer.irc_server);
}

}  // namespace

std::string_view parley_version() { return version; }

std::variant<Invocation, ConfigErrors> parse_invocation(
    int argc, const char* const* argv, const std::map<std::string, std::string>& environment) {
    std::vector<std::string> problems;
    FlagParser parser;
    const auto line = parser.parse(argc, argv, problems);
    if (!line) return ConfigErrors{std::move(problems)};
    Invocation invocation;
    if (line->help || line->version) {
        invocation.show_help = line->help;
        invocation.show_version = !line->help;
        if (line->help) invocation.help_text = detail::help_text();
        return invocation;
    }
    report_extras(*line, problems);
    invocation.user_command = check_user_command(*line, problems);
    // Lowest source first: each apply overwrites what the sources below it set.
    const auto environment_layer = detail::read_environment(environment, invocation.warnings);
    apply_config_file(invocation, *line, environment, problems);
    detail::apply_settings(invocation.config, environment_layer, problems);
    detail::apply_settings(invocation.config, line->settings, problems);
    detail::check_combinations(invocation.config, problems);
    if (!problems.empty()) return ConfigErrors{std::move(problems)};
    return invocation;
}

}  // namespace parley::app
