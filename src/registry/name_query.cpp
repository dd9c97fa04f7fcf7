#include "registry/name_query.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "platform/text.hpp"

namespace jinfu::registry {
namespace {

std::string lowerAscii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The places and their stems, longest first, so that 焦作市 is taken before 焦作.
std::vector<std::string> prefixes(const std::vector<std::string>& places) {
  std::vector<std::string> out;
  for (const auto& place : places) {
    out.push_back(place);
    for (std::string_view suffix : {"省", "市", "县", "区"}) {
      if (place.size() > suffix.size() && place.ends_with(suffix)) {
        std::string stem = place.substr(0, place.size() - suffix.size());
        if (text::lengthInChars(stem) >= 2) out.push_back(stem);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

NameQuery readNameQuery(std::string_view q, const std::vector<std::string>& places) {
  NameQuery out;
  std::vector<std::string> words;
  std::string word;
  for (char c : q) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(lowerAscii(std::move(word)));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(lowerAscii(std::move(word)));
  for (const auto& w : words) out.needle += w;
  if (words.size() >= 2) out.inOrder.push_back(words);

  // A place at the front ("焦作天宝", "河南焦作天宝"): the place, then the rest, in order.
  std::vector<std::string> parts;
  std::string_view rest = out.needle;
  const auto known = prefixes(places);
  for (bool found = true; found;) {
    found = false;
    for (const auto& p : known) {
      if (!rest.starts_with(p)) continue;
      if (rest.size() == p.size()) break;  // only a place is left ("焦作市"): no split of it
      parts.push_back(p);
      rest.remove_prefix(p.size());
      found = true;
      break;
    }
  }
  // A name seldom holds every place typed before it (河南 is in few names): each leading place
  // may be left out, as long as one remains.
  size_t leading = parts.size();
  parts.emplace_back(rest);
  for (size_t i = 0; i < leading; ++i) out.inOrder.emplace_back(parts.begin() + static_cast<std::ptrdiff_t>(i), parts.end());
  return out;
}

}  // namespace jinfu::registry
