#include "platform/json.hpp"

namespace jinfu {

bool jsonNestingWithin(std::string_view text, int maxDepth) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
      continue;
    }
    switch (c) {
      case '"': inString = true; break;
      case '{':
      case '[':
        if (++depth > maxDepth) return false;
        break;
      case '}':
      case ']': --depth; break;
      default: break;
    }
  }
  return true;
}

ClientJson parseClientJson(std::string_view text, int maxDepth) {
  ClientJson out;
  if (!jsonNestingWithin(text, maxDepth)) {
    out.value = nlohmann::json(nlohmann::json::value_t::discarded);
    out.problem = ClientJson::Problem::tooDeep;
    return out;
  }
  out.value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out.value.is_discarded()) out.problem = ClientJson::Problem::malformed;
  return out;
}

}  // namespace jinfu
