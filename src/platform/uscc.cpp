#include "platform/uscc.hpp"

#include "platform/text.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace jinfu {
namespace {

// GB 32100 alphabet: digits and upper-case letters without I, O, S, V, Z, which are too easily
// read as 1, 0, 5, U and 2.
constexpr char kSymbols[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kRadix = 31;

// Weights of positions 1–17 are 3^(i-1) mod 31.
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10,
                                          30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

using Table = std::array<std::int8_t, 256>;

constexpr Table makeValue31() {
  Table t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < kRadix; ++i) t[static_cast<unsigned char>(kSymbols[i])] = static_cast<std::int8_t>(i);
  return t;
}

// GB 11714 values letters over the whole alphabet, so 'Y' is 34 there but 30 in GB 32100.
constexpr Table makeValue36() {
  Table t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(i);
  for (int i = 0; i < 26; ++i) t['A' + i] = static_cast<std::int8_t>(10 + i);
  return t;
}

constexpr Table kValue31 = makeValue31();
constexpr Table kValue36 = makeValue36();

constexpr bool isDepartment(char c) {
  return (c >= '1' && c <= '9') || c == 'A' || c == 'N' || c == 'Y';
}

// Agriculture, the military and "other" authorities are allowed a non-numeric region part.
constexpr bool regionMayBeNonNumeric(char department) {
  return department == 'A' || department == 'N' || department == 'Y';
}

// Σ value × weight over `code`, which must be exactly as long as `weights`; -1 when it is not, or
// when a character has no value in `values`. (isValid keeps its own branch-free loop: it is hot.)
template <std::size_t N>
int weightedSum(std::string_view code, const Table& values, const std::array<int, N>& weights) {
  if (code.size() != N) return -1;
  int sum = 0;
  for (std::size_t i = 0; i < N; ++i) {
    int v = values[static_cast<unsigned char>(code[i])];
    if (v < 0) return -1;
    sum += v * weights[i];
  }
  return sum;
}

char checkFromSum31(int sum) {
  int c = kRadix - sum % kRadix;
  return kSymbols[c == kRadix ? 0 : c];
}

char checkFromSum11(int sum) {
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

char32_t fold(char32_t c) {
  c = text::foldFullWidth(c);
  if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
  return c;
}

// ---- diagnosis ---------------------------------------------------------------------------------

UsccIssue issue(UsccRule rule, int position, std::string zh, std::string en) {
  return UsccIssue{rule, position, std::move(zh), std::move(en)};
}

std::string pos(int p) { return std::to_string(p); }

// Walks the rules in order on a code that isValid() rejected. Allocation is fine here.
UsccIssue diagnose(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(text::decodeUtf8(s, i));

  if (cps.empty())
    return issue(UsccRule::kEmpty, 0, "统一社会信用代码为空", "the unified social credit code is empty");

  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (text::isUnicodeSpace(cps[i])) {
      int p = static_cast<int>(i) + 1;
      return issue(UsccRule::kWhitespace, p, "第" + pos(p) + "位是空格，统一社会信用代码中间不能有空格",
                   "position " + pos(p) + " is a space; the code must not contain spaces");
    }
  }

  if (cps.size() != Uscc::kLength) {
    std::string n = std::to_string(cps.size());
    return issue(UsccRule::kLength, 0, "长度应为18位，实际为" + n + "位",
                 "the code must be 18 characters long, got " + n);
  }

  // Position 18 is left to the check-character rule: "should be 3" helps more than "Z is not
  // allowed" (GB 32100's own misprinted example ends in Z).
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c < 0x80 && kValue31[c] >= 0) continue;
    int p = static_cast<int>(i) + 1;
    std::string zh = "第" + pos(p) + "位字符“" + text::toUtf8(c) + "”不在允许的字符集中（不使用I、O、S、V、Z）";
    std::string en = "character '" + text::toUtf8(c) + "' at position " + pos(p) +
                     " is not allowed (the code uses digits and upper-case letters except I, O, S, V, Z)";
    if (c == 'O') {
      zh += "，可能应为数字“0”";
      en += "; did you mean the digit 0?";
    }
    return issue(UsccRule::kCharacter, p, std::move(zh), std::move(en));
  }

  // From here on positions 1–17 are ASCII, so their bytes and positions coincide.
  const char department = s[0];
  if (!isDepartment(department)) {
    std::string d(1, department);
    return issue(UsccRule::kDepartment, 1,
                 "第1位登记管理部门码“" + d + "”无效，应为1–9、A、N、Y之一",
                 "registration authority code '" + d +
                     "' at position 1 is invalid; expected one of 1-9, A, N, Y");
  }

  if (!regionMayBeNonNumeric(department)) {
    for (int i = 2; i < 8; ++i) {
      if (s[i] >= '0' && s[i] <= '9') continue;
      std::string c(1, s[i]);
      return issue(UsccRule::kRegion, i + 1,
                   "第3–8位行政区划码应为数字，第" + pos(i + 1) + "位为“" + c + "”",
                   "positions 3-8 (administrative division code) must be digits; position " +
                       pos(i + 1) + " is '" + c + "'");
    }
  }

  const char orgExpected = Uscc::orgCodeCheckFor(s.substr(8, 8));
  if (s[16] != orgExpected) {
    std::string e(1, orgExpected), a(1, s[16]);
    return issue(UsccRule::kOrgCodeCheck, 17,
                 "第9–17位组织机构代码校验位错误：应为“" + e + "”，实际为“" + a + "”",
                 "organisation code (positions 9-17) check character is wrong: expected '" + e +
                     "', got '" + a + "'");
  }

  const char expected = Uscc::checkCharFor(s.substr(0, 17));
  std::string e(1, expected), a = text::toUtf8(cps[17]);
  return issue(UsccRule::kCheckCharacter, 18,
               "第18位校验码错误：应为“" + e + "”，实际为“" + a + "”",
               "check character at position 18 is wrong: expected '" + e + "', got '" + a + "'");
}

}  // namespace

// ---- Uscc --------------------------------------------------------------------------------------

Uscc::Uscc(std::string_view valid) {
  std::memcpy(code_, valid.data(), kLength);
  code_[kLength] = '\0';
}

std::string Uscc::normalise(std::string_view raw) {
  // Most input is already clean; skip decoding when nothing would change.
  bool clean = !raw.empty() && raw.front() != ' ' && raw.back() != ' ';
  for (char ch : raw) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || c < 0x20 || c == 0x7F) {
      clean = false;
      break;
    }
  }
  if (clean) return std::string(raw);

  std::vector<char32_t> cps;
  cps.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) cps.push_back(text::decodeUtf8(raw, i));
  std::size_t begin = 0, end = cps.size();
  while (begin < end && text::isUnicodeSpace(cps[begin])) ++begin;
  while (end > begin && text::isUnicodeSpace(cps[end - 1])) --end;

  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) text::appendUtf8(fold(cps[i]), out);
  return out;
}

bool Uscc::isValid(std::string_view s) noexcept {
  if (s.size() != kLength) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());

  int sum = 0;
  int bad = 0;  // OR of all values, negative if any character is outside the alphabet
  for (int i = 0; i < 17; ++i) {
    int v = kValue31[p[i]];
    bad |= v;
    sum += v * kWeights[i];
  }
  const int last = kValue31[p[17]];
  if ((bad | last) < 0) return false;
  if (!isDepartment(s[0])) return false;
  if (!regionMayBeNonNumeric(s[0])) {
    for (int i = 2; i < 8; ++i)
      if (p[i] > '9') return false;  // every symbol below '9' in the alphabet is a digit
  }

  int orgSum = 0;
  for (int i = 0; i < 8; ++i) orgSum += kValue36[p[8 + i]] * kOrgWeights[i];
  if (s[16] != checkFromSum11(orgSum)) return false;

  return s[17] == checkFromSum31(sum);
}

std::optional<UsccIssue> Uscc::validate(std::string_view normalised) {
  if (isValid(normalised)) return std::nullopt;
  return diagnose(normalised);
}

UsccResult Uscc::parse(std::string_view raw) {
  if (isValid(raw)) return Uscc(raw);
  std::string n = normalise(raw);
  if (isValid(n)) return Uscc(n);
  return diagnose(n);
}

UsccResult Uscc::fromPrefix(std::string_view prefix) {
  std::string code(prefix);
  if (prefix.size() == 16) {
    char c = orgCodeCheckFor(prefix.substr(8, 8));
    code += c ? c : '?';  // '?' only when an earlier character is invalid and will be reported
  } else if (prefix.size() != 17) {
    std::string n = std::to_string(prefix.size());
    return issue(UsccRule::kLength, 0, "前缀应为16或17位，实际为" + n + "位",
                 "a prefix must be 16 or 17 characters long, got " + n);
  }
  char c = checkCharFor(code);
  code += c ? c : '?';
  return isValid(code) ? UsccResult(Uscc(code)) : UsccResult(diagnose(code));
}

char Uscc::checkCharFor(std::string_view first17) noexcept {
  int sum = weightedSum(first17, kValue31, kWeights);
  return sum < 0 ? '\0' : checkFromSum31(sum);
}

char Uscc::orgCodeCheckFor(std::string_view first8) noexcept {
  int sum = weightedSum(first8, kValue36, kOrgWeights);
  return sum < 0 ? '\0' : checkFromSum11(sum);
}

std::string_view Uscc::departmentNameZh(char d) noexcept {
  switch (d) {
    case '1': return "机构编制";
    case '2': return "外交";
    case '3': return "司法行政";
    case '4': return "文化";
    case '5': return "民政";
    case '6': return "旅游";
    case '7': return "宗教";
    case '8': return "工会";
    case '9': return "市场监管";  // 工商 until the 2018 reorganisation
    case 'A': return "中央军委改革和编制办公室";
    case 'N': return "农业";
    case 'Y': return "其他";
    default: return {};
  }
}

std::string_view Uscc::categoryNameZh(char d, char c) noexcept {
  struct Entry {
    char department, category;
    std::string_view name;
  };
  // GB 32100-2015 appendix; department Y has no categories of its own.
  static constexpr Entry kCategories[] = {
      {'1', '1', "机关"},
      {'1', '2', "事业单位"},
      {'1', '3', "中央编办直接管理机构编制的群众团体"},
      {'1', '9', "其他"},
      {'2', '1', "外国常驻新闻机构"},
      {'2', '9', "其他"},
      {'3', '1', "律师执业机构"},
      {'3', '2', "公证处"},
      {'3', '3', "基层法律服务所"},
      {'3', '4', "司法鉴定机构"},
      {'3', '5', "仲裁委员会"},
      {'3', '9', "其他"},
      {'4', '1', "外国在华文化中心"},
      {'4', '9', "其他"},
      {'5', '1', "社会团体"},
      {'5', '2', "民办非企业单位"},
      {'5', '3', "基金会"},
      {'5', '9', "其他"},
      {'6', '1', "外国旅游部门常驻代表机构"},
      {'6', '2', "港澳台地区旅游部门常驻内地（大陆）代表机构"},
      {'6', '9', "其他"},
      {'7', '1', "宗教活动场所"},
      {'7', '2', "宗教院校"},
      {'7', '9', "其他"},
      {'8', '1', "基层工会"},
      {'8', '9', "其他"},
      {'9', '1', "企业"},
      {'9', '2', "个体工商户"},
      {'9', '3', "农民专业合作社"},
      {'A', '1', "军队事业单位"},
      {'A', '9', "其他"},
      {'N', '1', "组级集体经济组织"},
      {'N', '2', "村级集体经济组织"},
      {'N', '3', "乡镇级集体经济组织"},
      {'N', '9', "其他"},
  };
  for (const auto& e : kCategories)
    if (e.department == d && e.category == c) return e.name;
  return {};
}

std::string Uscc::describeZh() const {
  std::string out(departmentNameZh(department()));
  std::string_view cat = categoryNameZh(department(), category());
  if (!cat.empty()) {
    out += "·";
    out += cat;
  }
  return out;
}

}  // namespace jinfu
