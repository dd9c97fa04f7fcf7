#pragma once
// GB/T 4754-2017 国民经济行业分类: the 20 sections (门类 A–T) and 97 divisions (大类 01–97),
// compiled into the binary from data/reference/gbt4754-{sections,divisions}.csv.
#include <optional>
#include <string>
#include <string_view>

namespace jinfu::registry {

// "C" → "制造业"; nullptr for an unknown letter (upper case only).
const std::string* industrySectionName(std::string_view letter);
// "35" → "专用设备制造业"; nullptr unless exactly two digits of a known division.
const std::string* industryDivisionName(std::string_view division);
// "35" → "C"; nullopt for an unknown division.
std::optional<std::string> sectionOfDivision(std::string_view division);

// An industry code as departments write it: an optional section letter followed by 2–4 digits
// (division, group, class: "C3562", "3562", "702"), or the bare letter "C".
struct IndustryCode {
  std::string section;   // "C"
  std::string division;  // "35", empty for a bare section letter
  std::string detail;    // all digits given, "3562" (= division when only two were given)
};
// Trims ASCII spaces and upper-cases the letter. nullopt when malformed, when the section or
// division is unknown, or when the letter contradicts the division ("A3562").
std::optional<IndustryCode> parseIndustryCode(std::string_view code);

}  // namespace jinfu::registry
