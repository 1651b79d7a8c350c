#include "app/user_admin.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "app/clock.hpp"
#include "app/credentials.hpp"
#include "core/validation.hpp"

namespace parley::app {

namespace {

// Reads one line from stdin; on a terminal, without echoing it.
std::string read_secret(const char* prompt) {
    bool terminal = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << '\n';
    }
    return line;
}

int fail(const std::string& message) {
    std::cerr << "parleyd: " << message << '\n';
    return 1;
}

int add_user(store::Store& store, const std::string& name) {
    if (auto valid = core::validate_username(name); !valid) return fail(valid.error().message);
    std::string password = read_secret("Password: ");
    if (isatty(STDIN_FILENO) != 0 && read_secret("Confirm password: ") != password) {
        return fail("the passwords do not match");
    }
    if (auto valid = core::validate_password(password); !valid) return fail(valid.error().message);
    store::NewUser user{name, hash_password(password), name, "", "", core::Role::member};
    store.begin();
    auto created = store.create_user(user);
    if (!created) {
        store.rollback();
        return fail(created.error().message);
    }
    store.add_member(core::general_room, created->id);
    store.commit();
    std::cout << "created user " << name << " (id " << created->id << ")\n";
    return 0;
}

int change_user(store::Store& store, const UserCommand& command) {
    auto record = store.find_user_by_name(command.name);
    if (!record || record->user.deleted) return fail("there is no user named " + command.name);
    store.begin();
    if (command.action == UserAction::promote) {
        store.set_role(record->user.id, core::Role::admin);
    } else {
        // Sessions stay, refused while the ban lasts (see Hub's ban).
        store.set_banned(record->user.id, true);
    }
    store.commit();
    std::cout << (command.action == UserAction::promote ? "promoted " : "banned ") << command.name
              << '\n';
    return 0;
}

}  // namespace

int run_user_command(store::Store& store, const UserCommand& command) {
    if (command.action == UserAction::add) return add_user(store, command.name);
    return change_user(store, command);
}

}  // namespace parley::app
