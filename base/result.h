// Result<T, E>: either a value or the reason there is none, for failures the caller is expected
// to handle (a bad barcode, a definition that does not load, a database that cannot be reached).
// Programmer and infrastructure failures stay exceptions.
//
//   base::Result<Din, Error> din = parse_din(text);
//   if (!din.ok()) return din.error();
//   use(din.value());
//
// Each library names its own error type once: `template <class T> using Result =
// base::Result<T, Error>;`. Both alternatives convert implicitly, so a function returns either a
// T or an E. DoneOr<E> is the Result of an operation that gives nothing back on success.
//
// When E is a list (std::vector<P>), a single P is accepted too and becomes a list of one.
//
// A Result is [[nodiscard]]: ignoring one is a compile warning. It is a plain value, not
// synchronised: share a const one freely, don't mutate one from two threads.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace cj::base {

/// The value of an operation that gives nothing back on success.
struct Done {
  bool operator==(const Done&) const = default;
};

/// Lets an error type refuse to stand for a failure it does not describe: every error a Result
/// is built from goes through as_failure(). An error type that can also mean "no error"
/// (storage::Status) specialises this to turn that into a failure of its own.
template <class E>
struct ErrorTraits {
  static E as_failure(E error) { return error; }
};

namespace detail {
template <class E>
struct ListElement {
  struct None {};  // E is not a list: a constructor that can never be called
  using type = None;
  static constexpr bool is_list = false;
};
template <class P>
struct ListElement<std::vector<P>> {
  using type = P;
  static constexpr bool is_list = true;
};
}  // namespace detail

template <class T, class E>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = E;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : state_(std::in_place_index<1>, ErrorTraits<E>::as_failure(std::move(error))) {}  // NOLINT
  /// A list of errors from its one element.
  Result(typename detail::ListElement<E>::type one)  // NOLINT: implicit by design
      requires detail::ListElement<E>::is_list : Result(E{std::move(one)}) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// REQUIRES: ok(). (Throws std::bad_variant_access otherwise: a programming error.)
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  /// REQUIRES: !ok(). (Throws std::bad_variant_access otherwise.)
  const E& error() const& { return std::get<1>(state_); }
  E& error() & { return std::get<1>(state_); }
  E&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, E> state_;
};

/// The Result of an operation that gives nothing back on success: `return base::Done{};`.
template <class E>
using DoneOr = Result<Done, E>;

}  // namespace cj::base
