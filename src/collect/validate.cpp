#include "collect/validate.hpp"

#include "collect/values.hpp"
#include "platform/icu_text.hpp"
#include "platform/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace jinfu::collect {
namespace {

constexpr std::string_view kIgnoredColumns[] = {"错误原因", "原行号"};

// Units that may follow a header name in brackets.
constexpr std::string_view kUnits[] = {"万元", "万", "元", "人民币元", "人民币万元", "人", "个", "户",
                                       "次", "月", "个月", "天", "人次", "%", "yuan"};

bool isWanUnit(std::string_view u) { return u == "万元" || u == "万" || u == "人民币万元"; }
bool isYuanUnit(std::string_view u) { return u == "元" || u == "人民币元" || u == "yuan"; }

// Strips a trailing bracketed part: returns the name before it and the (trimmed) content.
bool splitTrailingBracket(std::string_view s, std::string_view& name, std::string_view& content) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}};
  for (const auto& [open, close] : kPairs) {
    if (!s.ends_with(close)) continue;
    std::size_t at = s.rfind(open);
    if (at == std::string_view::npos || at == 0) return false;
    name = trimCell(s.substr(0, at));
    content = trimCell(s.substr(at + open.size(), s.size() - close.size() - at - open.size()));
    return !name.empty();
  }
  return false;
}

std::string compactLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    char32_t c = text::decodeUtf8(s, i);
    if (text::isUnicodeSpace(c) || c == '_' || c == '*') continue;
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      continue;
    }
    out.append(s.substr(at, i - at));
  }
  return out;
}

// The normalised name, and (when the header ends in a bracket that is not a unit) the name
// without the bracket, tried second: "联系电话（手机）" still finds 联系电话.
struct HeaderKey {
  std::string full, withoutBracket, unit;
};

HeaderKey headerKey(std::string_view header) {
  HeaderKey k;
  const std::string folded = text::nfkc(header);
  std::string_view s = trimCell(folded);
  std::string_view name, content;
  if (splitTrailingBracket(s, name, content)) {
    std::string_view unit = content;
    for (std::string_view prefix : {"单位:", "单位"})
      if (unit.starts_with(prefix)) {
        unit = trimCell(unit.substr(prefix.size()));
        break;
      }
    const std::string lowered = compactLower(unit);
    if (std::find(std::begin(kUnits), std::end(kUnits), lowered) != std::end(kUnits)) {
      k.unit = lowered;
      k.full = compactLower(name);
      return k;
    }
    k.withoutBracket = compactLower(name);
  }
  k.full = compactLower(s);
  return k;
}

using Lookup = std::unordered_map<std::string, int>;

Lookup lookupFor(const Category& c) {
  Lookup m;
  for (std::size_t f = 0; f < c.fields.size(); ++f) {
    const FieldSpec& spec = c.fields[f];
    auto add = [&](std::string_view name) { m.emplace(normaliseHeaderName(name), static_cast<int>(f)); };
    add(spec.key);
    add(spec.zh);
    for (const auto& a : spec.aliases) add(a);
  }
  return m;
}

std::string joinZh(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "、" : "") + items[i];
  return s;
}

std::string joinEn(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

void appendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string sha256Hex(std::initializer_list<std::string_view> parts) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  bool first = true;
  for (std::string_view p : parts) {
    if (!first) {
      static constexpr unsigned char kSep = 0x1F;  // unit separator: no part contains it
      crypto_hash_sha256_update(&st, &kSep, 1);
    }
    first = false;
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(p.data()), p.size());
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&st, digest.data());
  // Plain hex: the hash is not a secret, so sodium_bin2hex's constant time buys nothing here.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(crypto_hash_sha256_BYTES * 2, '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

// Per-thread scratch for validateRow, so that a row allocates little beyond its fact.
struct Scratch {
  std::vector<Value> values;
  std::vector<char> present;
};

}  // namespace

std::string normaliseHeaderName(std::string_view header, std::string* unit) {
  HeaderKey k = headerKey(header);
  if (unit) *unit = k.unit;
  return k.full;
}

HeaderResult mapHeader(const Category& category, const std::vector<std::string>& header) {
  HeaderResult r;
  ColumnMap& m = r.map;
  const std::size_t nf = category.fields.size();
  m.fieldOfColumn.assign(header.size(), -1);
  m.columnInWan.assign(header.size(), false);
  m.columnOfField.assign(nf, -1);

  const Lookup lookup = lookupFor(category);
  std::vector<std::string> duplicatesZh, duplicatesEn;
  int known = 0;
  for (std::size_t col = 0; col < header.size(); ++col) {
    const std::string_view raw = trimCell(header[col]);
    if (raw.empty()) continue;
    HeaderKey k = headerKey(raw);
    auto it = lookup.find(k.full);
    if (it == lookup.end() && !k.withoutBracket.empty()) it = lookup.find(k.withoutBracket);
    if (it == lookup.end()) {
      const std::string folded = compactLower(text::nfkc(raw));
      bool ignored = false;
      for (std::string_view extra : kIgnoredColumns) ignored |= folded == extra;
      if (!ignored) m.unknownColumns.emplace_back(raw);
      continue;
    }
    const int f = it->second;
    const FieldSpec& spec = category.fields[static_cast<std::size_t>(f)];
    if (m.columnOfField[static_cast<std::size_t>(f)] >= 0) {
      const std::string& first = header[static_cast<std::size_t>(m.columnOfField[static_cast<std::size_t>(f)])];
      duplicatesZh.push_back("“" + std::string(trimCell(first)) + "”与“" + std::string(raw) + "”都对应“" + spec.zh + "”");
      duplicatesEn.push_back("\"" + std::string(trimCell(first)) + "\" and \"" + std::string(raw) +
                             "\" both map to " + spec.key);
      continue;
    }
    ++known;
    m.fieldOfColumn[col] = f;
    m.columnOfField[static_cast<std::size_t>(f)] = static_cast<int>(col);
    if (spec.type == FieldType::Amount) {
      if (isWanUnit(k.unit))
        m.columnInWan[col] = true;
      else if (isYuanUnit(k.unit))
        m.columnInWan[col] = false;
      else
        m.columnInWan[col] = spec.unit == kUnitWanYuan;
    }
  }

  m.fieldsByKey.resize(nf);
  for (std::size_t f = 0; f < nf; ++f) m.fieldsByKey[f] = static_cast<int>(f);
  std::sort(m.fieldsByKey.begin(), m.fieldsByKey.end(), [&](int a, int b) {
    return category.fields[static_cast<std::size_t>(a)].key < category.fields[static_cast<std::size_t>(b)].key;
  });
  for (const auto& key : category.keyFields) m.keyFieldIndex.push_back(fieldIndex(category, key));
  m.dateFieldIndex = category.dateField.empty() ? -1 : fieldIndex(category, category.dateField);
  for (std::size_t f = 0; f < nf; ++f)
    if (category.fields[f].type == FieldType::Uscc) {
      m.usccFieldIndex = static_cast<int>(f);
      break;
    }
  m.nameFieldIndex = fieldIndex(category, "name");

  if (known == 0) {
    r.problem = LocalText{"文件中没有可识别的列，请检查表头是否为“" + category.zh +
                              "”类别的字段（如“统一社会信用代码”）",
                          "no column of the file is known for category " + category.code +
                              "; check the header row (e.g. 统一社会信用代码)"};
    return r;
  }
  std::vector<std::string> missingZh, missingEn;
  for (std::size_t f = 0; f < nf; ++f)
    if (category.fields[f].required && m.columnOfField[f] < 0) {
      missingZh.push_back(category.fields[f].zh);
      missingEn.push_back(category.fields[f].key + " (" + category.fields[f].zh + ")");
    }
  std::string zh, en;
  if (!missingZh.empty()) {
    zh = "缺少必填列：" + joinZh(missingZh);
    en = "required columns missing: " + joinEn(missingEn);
  }
  if (!duplicatesZh.empty()) {
    zh += (zh.empty() ? "" : "；") + std::string("重复的列：") + joinZh(duplicatesZh);
    en += (en.empty() ? "" : "; ") + std::string("duplicate columns: ") + joinEn(duplicatesEn);
  }
  if (!zh.empty()) r.problem = LocalText{std::move(zh), std::move(en)};
  return r;
}

RowResult validateRow(const Category& category, const ColumnMap& map,
                      const std::vector<std::string>& header, const std::vector<std::string>& cells) {
  RowResult result;
  const std::size_t nf = category.fields.size();
  thread_local Scratch scratch;
  if (scratch.values.size() < nf) scratch.values.resize(nf);
  scratch.present.assign(nf, 0);

  auto problem = [&](int col, std::string_view raw, LocalText reason) {
    const std::size_t c = static_cast<std::size_t>(col);
    result.problems.push_back(CellProblem{c < header.size() ? header[c] : std::string(),
                                          cutChars(raw, 200), std::move(reason)});
  };

  for (std::size_t f = 0; f < nf && f < map.columnOfField.size(); ++f) {
    const FieldSpec& spec = category.fields[f];
    const int col = map.columnOfField[f];
    if (col < 0) continue;  // an optional field the file does not carry (mapHeader checked the rest)
    const std::size_t c = static_cast<std::size_t>(col);
    const std::string_view raw = c < cells.size() ? std::string_view(cells[c]) : std::string_view();
    if (isBlank(raw)) {
      if (spec.required) problem(col, raw, LocalText{"必填项为空", "required value is empty"});
      continue;
    }
    const bool inWan = c < map.columnInWan.size() && map.columnInWan[c];
    if (auto e = parseValue(spec, raw, inWan, scratch.values[f])) {
      problem(col, raw, std::move(*e));
      continue;
    }
    scratch.present[f] = 1;
  }

  // Dates that may not precede another one (有效期至 ≥ 许可日期). ISO strings compare as dates.
  for (std::size_t f = 0; f < nf; ++f) {
    const FieldSpec& spec = category.fields[f];
    if (spec.notBefore.empty() || !scratch.present[f]) continue;
    const int other = fieldIndex(category, spec.notBefore);
    if (other < 0 || !scratch.present[static_cast<std::size_t>(other)]) continue;
    const FieldSpec& o = category.fields[static_cast<std::size_t>(other)];
    if (scratch.values[f].text < scratch.values[static_cast<std::size_t>(other)].text) {
      const int col = map.columnOfField[f];
      problem(col, cells[static_cast<std::size_t>(col)],
              LocalText{"不能早于“" + o.zh + "”（" + scratch.values[static_cast<std::size_t>(other)].text + "）",
                        "may not be earlier than " + o.key + " (" +
                            scratch.values[static_cast<std::size_t>(other)].text + ")"});
    }
  }
  if (!result.problems.empty()) {
    // Field order, which is the order people read the catalogue in; the date check came last.
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [&](const CellProblem& a, const CellProblem& b) {
                       auto pos = [&](const CellProblem& p) {
                         for (std::size_t f = 0; f < nf; ++f) {
                           int col = map.columnOfField[f];
                           if (col >= 0 && static_cast<std::size_t>(col) < header.size() &&
                               header[static_cast<std::size_t>(col)] == p.column)
                             return f;
                         }
                         return nf;
                       };
                       return pos(a) < pos(b);
                     });
    return result;
  }

  Fact fact;
  const bool registration = category.code == "registration";
  if (map.usccFieldIndex >= 0) fact.uscc = scratch.values[static_cast<std::size_t>(map.usccFieldIndex)].text;
  if (map.nameFieldIndex >= 0 && scratch.present[static_cast<std::size_t>(map.nameFieldIndex)])
    fact.name = scratch.values[static_cast<std::size_t>(map.nameFieldIndex)].text;

  for (std::size_t k = 0; k < map.keyFieldIndex.size(); ++k) {
    if (k) fact.key += '|';
    const int f = map.keyFieldIndex[k];
    if (f >= 0 && scratch.present[static_cast<std::size_t>(f)]) {
      const FieldSpec& spec = category.fields[static_cast<std::size_t>(f)];
      const Value& v = scratch.values[static_cast<std::size_t>(f)];
      if (spec.type == FieldType::Amount || spec.type == FieldType::Integer)
        fact.key += std::to_string(v.number);
      else if (spec.type == FieldType::Bool)
        fact.key += v.flag ? "true" : "false";
      else
        fact.key += v.text;
    }
  }
  if (map.dateFieldIndex >= 0 && scratch.present[static_cast<std::size_t>(map.dateFieldIndex)]) {
    const FieldSpec& spec = category.fields[static_cast<std::size_t>(map.dateFieldIndex)];
    const std::string& v = scratch.values[static_cast<std::size_t>(map.dateFieldIndex)].text;
    fact.factDate = spec.type == FieldType::Date ? v : periodEnd(v);
  }

  std::string& json = fact.valuesJson;
  json.reserve(256);
  json += '{';
  bool first = true;
  for (int fi : map.fieldsByKey) {
    const std::size_t f = static_cast<std::size_t>(fi);
    if (!scratch.present[f]) continue;
    if (static_cast<int>(f) == map.usccFieldIndex) continue;
    if (!registration && static_cast<int>(f) == map.nameFieldIndex) continue;
    const FieldSpec& spec = category.fields[f];
    const Value& v = scratch.values[f];
    if (!first) json += ',';
    first = false;
    appendJsonString(json, spec.key);
    json += ':';
    switch (spec.type) {
      case FieldType::Amount:
      case FieldType::Integer: json += std::to_string(v.number); break;
      case FieldType::Bool: json += v.flag ? "true" : "false"; break;
      default: appendJsonString(json, v.text);
    }
  }
  json += '}';
  fact.contentHash = sha256Hex({category.code, fact.uscc, fact.key, fact.valuesJson});
  result.fact = std::move(fact);
  return result;
}

}  // namespace jinfu::collect
