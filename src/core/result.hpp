#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/errc.hpp"

namespace parley::core {

// An expected failure: a stable code and a sentence for a person.
struct Error {
    Errc code;
    std::string message;

    Error(Errc c) : code(c), message(default_message(c)) {}  // NOLINT: implicit by design
    Error(Errc c, std::string m) : code(c), message(std::move(m)) {}
};

// Value or Error. std::expected is C++23; this is the small part of it we need.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
    // Anything a T can be made from, so `return reply::Nothing{};` works for a variant T.
    template <typename U>
        requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::decay_t<U>, T> &&
                 !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Errc>)
    Result(U&& value) : state_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT
    Result(Error error) : state_(std::move(error)) {}   // NOLINT
    Result(Errc code) : state_(Error{code}) {}          // NOLINT

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

struct Unit {};

// A fallible operation with nothing to return.
using Status = Result<Unit>;

inline Status success() { return Unit{}; }

}  // namespace parley::core
