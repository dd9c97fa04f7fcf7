#pragma once
// Administrative divisions of 焦作市 (GB/T 2260, plus the statistical code 410871 of 焦作城乡一体化
// 示范区), compiled into the binary from data/reference/jiaozuo-divisions.csv.
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::registry {

// "410882" → "沁阳市"; nullptr for a code not in the table.
const std::string* regionName(std::string_view code);
bool isKnownRegion(std::string_view code);
// Every division's name (河南省, 焦作市, 沁阳市 …).
std::vector<std::string> regionNames();

}  // namespace jinfu::registry
