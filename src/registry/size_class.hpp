#pragma once
// 中小企业划型: large / medium / small / micro by 《中小企业划型标准规定》(工信部联企业〔2011〕300号).
// Pure: the industry row comes from the GB/T 4754-2017 code, the class from the row's indicators
// (从业人员 E, 营业收入 R, 资产总额 A). A class is 大型/中型/小型 only when every indicator of the
// row reaches that class's lower bound, otherwise it drops one class (下划一档); 微型 when any
// indicator is below the 小型 bound.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jinfu::registry {

inline constexpr std::string_view kSizeStandardZh = "工信部联企业〔2011〕300号";

struct SizeDecision {
  std::string sizeClass;  // "large" | "medium" | "small" | "micro"; empty when it cannot be decided
  std::string industry;   // the standard's row, e.g. "工业"; empty when the industry is unknown
  std::string reasonZh;   // "工业：从业人员 462 人（≥300）且营业收入 5799.58 万元（≥2000）→ 中型"
  std::string reasonEn;
};

// industryCode: GB/T 4754-2017, optional section letter + 2–4 digits ("C3562", "35", "702") or a
// bare section letter when that decides the row ("C"; not "F", which holds 批发 and 零售).
// employees in persons; revenueFen (营业收入) and assetsFen (资产总额) in fen.
SizeDecision classifySize(std::string_view industryCode, std::optional<std::int64_t> employees,
                          std::optional<std::int64_t> revenueFen,
                          std::optional<std::int64_t> assetsFen);

// "大型" for "large", …; empty for anything else.
std::string_view sizeClassZh(std::string_view sizeClass);

}  // namespace jinfu::registry
