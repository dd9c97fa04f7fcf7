#include "collect/template.hpp"

#include <map>
#include <string_view>

namespace jinfu::collect {
namespace {

// Sample text by field key: what such a cell looks like in a department's own export.
std::string sampleText(const FieldSpec& f) {
  static const std::map<std::string_view, std::string_view> samples = {
      {"name", "焦作市示例科技有限公司"},
      {"formerName", ""},  // most enterprises have none
      {"legalRepresentative", "王某某"},
      {"address", "焦作市示范区示例路1号"},
      {"parkName", ""},  // must name a park the platform knows: left to the department
      {"contactName", "李某某"},
      {"licenceNo", "JY14108710001"},
      {"licenceName", "食品经营许可证"},
      {"decisionNo", "焦市监罚〔2026〕1号"},
      {"cause", "未按规定公示年度报告"},
      {"caseNo", "（2026）豫0802执123号"},
      {"reason", "未按规定报送年度报告"},
      {"number", "ZL202610000001.1"},
      {"title", "一种超硬材料合成装置"},
      {"certificateNo", "GR202641000001"},
  };
  if (auto it = samples.find(f.key); it != samples.end()) return std::string(it->second);
  switch (f.format) {
    case TextFormat::RegionCode: return "410871";
    case TextFormat::IndustryCode: return "C3562";
    case TextFormat::Phone: return "13800000000";
    case TextFormat::Free: break;
  }
  if (f.key == "authority") return "焦作市市场监督管理局";
  return "示例";
}

std::string sample(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Uscc: return kSampleUscc;
    case FieldType::Date: return f.notBefore.empty() ? "2026-01-15" : "2029-01-14";
    case FieldType::Month:
    case FieldType::Period: return "2026-10";
    case FieldType::Year: return "2025";
    case FieldType::Amount: return f.unit == kUnitWanYuan ? "12.5" : "125000.00";
    case FieldType::Integer: return std::to_string(f.minValue > 10 ? f.minValue : 10);
    case FieldType::Enum: return f.values.empty() ? "" : f.values.front().zh;
    case FieldType::Bool: return "是";
    case FieldType::Text: return sampleText(f);
  }
  return "";
}

}  // namespace

std::vector<std::string> templateHeader(const Category& c) {
  std::vector<std::string> out;
  for (const auto& f : c.fields)
    out.push_back(f.type == FieldType::Amount ? f.zh + (f.unit == kUnitWanYuan ? "（万元）" : "（元）") : f.zh);
  return out;
}

std::vector<std::string> templateSample(const Category& c) {
  std::vector<std::string> out;
  for (const auto& f : c.fields) out.push_back(sample(f));
  return out;
}

}  // namespace jinfu::collect
