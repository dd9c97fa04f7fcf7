#pragma once
// The data catalogue (数据目录): which categories of facts departments deliver about enterprises,
// the fields of each with their Chinese names, the header names seen in departments' files, types,
// units and code lists. Static data; everything else in collection is driven by it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::collect {

enum class FieldType { Text, Uscc, Date, Month, Period, Year, Amount, Integer, Enum, Bool };

// Extra rules for Text fields whose content follows a code list or a shape.
enum class TextFormat {
  Free,
  RegionCode,    // 6 digits (GB/T 2260)
  IndustryCode,  // GB/T 4754-2017: optional section letter + 2–4 digits; stored as "C3562"
  Phone,         // mobile or landline: digits with optional leading +, spaces and hyphens removed
};

inline constexpr std::string_view kUnitYuan = "yuan";
inline constexpr std::string_view kUnitWanYuan = "wan_yuan";  // 万元

struct EnumValue {
  std::string code, zh;
  std::vector<std::string> aliases;
};

struct FieldSpec {
  std::string key;                   // camelCase, English: "taxPaid"
  std::string zh;                    // "纳税额"
  std::vector<std::string> aliases;  // other header names seen in departments' files
  FieldType type = FieldType::Text;
  bool required = false;
  std::string unit;                  // Amount: kUnitYuan (default) or kUnitWanYuan
  std::vector<EnumValue> values;     // Enum
  std::string description;           // 含义, Chinese
  std::size_t maxChars = 200;        // Text
  TextFormat format = TextFormat::Free;
  std::string dictionary;            // the code list a Text/Enum follows, e.g. "GB/T 2260"
  std::int64_t minValue = 0;         // Integer
  std::int64_t maxValue = 100'000'000;
  bool allowNegative = false;        // Amount
  std::string notBefore;             // Date: key of a date field this one may not precede
};

struct Category {
  std::string code, zh, description, provider /* 提供部门 */, frequency /* monthly|on_change|yearly */;
  std::vector<FieldSpec> fields;
  std::vector<std::string> keyFields;  // identify one fact of an enterprise besides the USCC
  std::string dateField;               // the fact's own date (timeliness, as-of)
};

const std::vector<Category>& catalogue();
const Category* findCategory(std::string_view code);
std::string_view fieldTypeName(FieldType);  // "text", "uscc", …

// Index of the field with this key in category.fields, or -1.
int fieldIndex(const Category&, std::string_view key);
const FieldSpec* findField(const Category&, std::string_view key);

}  // namespace jinfu::collect
