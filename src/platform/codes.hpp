#pragma once
// An enum and the codes that stand for its values in rows and in the API, as one table per enum
// (the Chinese labels are the dictionary's): the two lookups are the same for every such table.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace jinfu::codes {

template <class E>
struct Code {
  E value;
  std::string_view code;
};

// The code of `v`; "" for a value the table does not list.
template <class E, std::size_t N>
constexpr std::string_view of(const std::array<Code<E>, N>& table, E v) {
  for (const auto& c : table)
    if (c.value == v) return c.code;
  return "";
}

// The value of `code`; nullopt for a code the table does not list.
template <class E, std::size_t N>
constexpr std::optional<E> find(const std::array<Code<E>, N>& table, std::string_view code) {
  for (const auto& c : table)
    if (c.code == code) return c.value;
  return std::nullopt;
}

}  // namespace jinfu::codes
