#pragma once
// JSON that a client sent (a request body, an uploaded scorecard), parsed within bounds.
//
// nlohmann's parser is iterative, but nearly everything done with the result afterwards — a copy,
// dump(), a walk that normalises numbers — recurses once per level. A body of 600 KB nested
// 100 000 deep parses fine and then overflows the stack of whichever handler touches it, taking
// every user's connection down. So nesting is bounded before the document is built, in one place.
#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace jinfu {

// An optional as JSON: its value, or null — the one way every *_json file writes a missing field.
template <class T>
nlohmann::json orNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// Deeper than any document the API defines (the deepest, a scorecard, nests 5 levels).
inline constexpr int kMaxJsonDepth = 64;

struct ClientJson {
  enum class Problem { none, malformed, tooDeep };
  nlohmann::json value;  // discarded unless problem == none
  Problem problem = Problem::none;
};

// Parses `text`, refusing it (without building anything) when objects and arrays nest deeper than
// `maxDepth`. Numbers that do not fit a double, like any other syntax error, are malformed.
ClientJson parseClientJson(std::string_view text, int maxDepth = kMaxJsonDepth);

// True when no object or array in `text` nests deeper than `maxDepth`. Linear, no allocation; a
// malformed text may pass (the parser refuses it next).
bool jsonNestingWithin(std::string_view text, int maxDepth);

}  // namespace jinfu
