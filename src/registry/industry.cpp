#include "registry/industry.hpp"

#include "platform/csv.hpp"
#include "platform/embedded.hpp"

#include <map>
#include <stdexcept>

namespace jinfu::registry {
namespace {

struct Tables {
  std::map<std::string, std::string, std::less<>> sections;   // letter → name
  std::map<std::string, std::string, std::less<>> divisions;  // "35" → name
  std::map<std::string, std::string, std::less<>> sectionOf;  // "35" → letter
};

std::string_view need(std::string_view path) {
  auto content = embedded::find(path);
  if (!content) throw std::logic_error("embedded file missing: " + std::string(path));
  return *content;
}

const Tables& tables() {
  static const Tables t = [] {
    Tables t;
    CsvTable sections = CsvTable::parse(need("data/reference/gbt4754-sections.csv"));
    for (size_t r = 0; r < sections.rows(); ++r)
      t.sections.emplace(sections.at(r, "section"), sections.at(r, "name"));
    CsvTable divisions = CsvTable::parse(need("data/reference/gbt4754-divisions.csv"));
    for (size_t r = 0; r < divisions.rows(); ++r) {
      const std::string& d = divisions.at(r, "division");
      t.divisions.emplace(d, divisions.at(r, "name"));
      t.sectionOf.emplace(d, divisions.at(r, "section"));
    }
    return t;
  }();
  return t;
}

const std::string* lookup(const std::map<std::string, std::string, std::less<>>& m,
                          std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const std::string* industrySectionName(std::string_view letter) {
  return lookup(tables().sections, letter);
}

const std::string* industryDivisionName(std::string_view division) {
  return lookup(tables().divisions, division);
}

std::optional<std::string> sectionOfDivision(std::string_view division) {
  const std::string* s = lookup(tables().sectionOf, division);
  if (!s) return std::nullopt;
  return *s;
}

std::optional<IndustryCode> parseIndustryCode(std::string_view code) {
  while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  if (code.empty()) return std::nullopt;
  IndustryCode out;
  if (!isDigit(code.front())) {
    char letter = code.front();
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    out.section.assign(1, letter);
    if (!industrySectionName(out.section)) return std::nullopt;
    code.remove_prefix(1);
    if (code.empty()) return out;
  }
  if (code.size() < 2 || code.size() > 4) return std::nullopt;
  for (char c : code)
    if (!isDigit(c)) return std::nullopt;
  out.division = std::string(code.substr(0, 2));
  out.detail = std::string(code);
  auto section = sectionOfDivision(out.division);
  if (!section) return std::nullopt;
  if (!out.section.empty() && out.section != *section) return std::nullopt;
  out.section = *section;
  return out;
}

}  // namespace jinfu::registry
