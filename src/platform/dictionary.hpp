#pragma once
// The one table of the platform's enum codes: for every named dictionary, its values in order with
// the Chinese label people read and the Element Plus tag colour the web shows them in. Served at
// GET /api/v1/dictionaries (the codes are public) and read by the web through `useDict`; the
// labels are the ones the server says in its own messages and `*Zh` fields.
#include <string_view>
#include <vector>

namespace jinfu::dict {

struct Entry {
  std::string_view value;
  std::string_view label;
  std::string_view tag;  // primary | success | warning | danger | info
};

struct Dictionary {
  std::string_view name;  // snake_case: application_state, demand_status, …
  std::vector<Entry> entries;
};

// Every dictionary, in a fixed order (by capability).
const std::vector<Dictionary>& all();

// The dictionary of that name; nullptr when there is none.
const Dictionary* dictionary(std::string_view name);

// The entry of `value` in `dict`; nullptr when either is unknown.
const Entry* find(std::string_view dict, std::string_view value);

// The Chinese label of `value` in `dict`, or `value` itself when it is not in the table.
std::string_view label(std::string_view dict, std::string_view value);

}  // namespace jinfu::dict
