#pragma once
// The template a department fills in (数据模板): one column per field of a category, named as the
// catalogue names it (amounts with their unit, "纳税额（元）"), and one sample row that the
// importer reads without a problem — but for the sample enterprise, which no registry holds.
// Pure, no I/O.
#include <string>
#include <vector>

#include "collect/catalogue.hpp"

namespace jinfu::collect {

// A valid 统一社会信用代码 that names no real entity (GB 32100 check characters included).
inline constexpr const char* kSampleUscc = "91410871MA9YL0017G";

std::vector<std::string> templateHeader(const Category& c);
std::vector<std::string> templateSample(const Category& c);

}  // namespace jinfu::collect
