#include "credit/outcomes.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "platform/csv.hpp"
#include "platform/errors.hpp"
#include "platform/text.hpp"
#include "platform/uscc.hpp"

namespace jinfu::credit {
namespace {

// Outcome words as banks write them.
std::optional<bool> parseOutcome(std::string_view word) {
  word = text::trimAscii(word);
  for (const char* w : {"逾期", "overdue", "bad", "1", "违约", "不良", "default"})
    if (word == w) return true;
  for (const char* w : {"结清", "已结清", "正常", "repaid", "good", "0", "正常还款", "按期还款"})
    if (word == w) return false;
  return std::nullopt;
}

const std::string* column(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const auto& h : t.header())
    for (const char* n : names)
      if (text::trimAscii(h) == n) return &h;
  return nullptr;
}

CsvTable parse(std::string_view csv) {
  if (!text::isValidUtf8(csv))
    throw ApiError::badRequest("invalid_utf8", {"文件不是 UTF-8 编码。", "The file is not UTF-8."});
  try {
    auto table = CsvTable::parse(csv);
    if (table.rows() > kMaxOutcomeRows)
      throw ApiError(413, "too_many_rows", statusTitle(413),
                     {fmt::format("文件有 {} 行，超过上限 {} 行。", table.rows(), kMaxOutcomeRows),
                      fmt::format("{} rows, more than the limit of {}.", table.rows(), kMaxOutcomeRows)});
    return table;
  } catch (const std::invalid_argument& e) {
    throw ApiError::badRequest("malformed_csv", {"CSV 格式错误：" + std::string(e.what()), e.what()});
  }
}

void note(OutcomeFile& f, const CsvTable& t, size_t row, const std::string& what) {
  ++f.skipped;
  if (f.problems.size() < 20) f.problems.push_back(fmt::format("第 {} 行：{}", t.lineOf(row), what));
  else if (f.problems.size() == 20) f.problems.push_back("……");
}

const std::string& outcomeColumn(const CsvTable& t) {
  const std::string* c = column(t, {"结果", "贷款结果", "还款结果", "outcome", "label", "bad"});
  if (!c)
    throw ApiError::validation({{"结果", {"缺少“结果”列（逾期/结清）。", "The outcome column is missing."}}});
  return *c;
}

}  // namespace

std::optional<bool> platformLoanBad(std::string_view state, bool everOverdue) {
  if (state == "overdue") return true;
  if (state == "settled") return everOverdue;
  return std::nullopt;
}

OutcomeFile readOutcomes(std::string_view csv) {
  CsvTable t = parse(csv);
  const std::string& outcome = outcomeColumn(t);
  const std::string* uscc = column(t, {"统一社会信用代码", "信用代码", "uscc"});
  const std::string* date = column(t, {"观察日期", "申请日期", "放款日期", "日期", "as_of", "date"});
  if (!uscc || !date)
    throw ApiError::validation({{uscc ? "观察日期" : "统一社会信用代码",
                                 {"贷款结果文件需要“统一社会信用代码”“观察日期”“结果”三列。",
                                  "An outcomes file needs uscc, date and outcome columns."}}});
  OutcomeFile f;
  for (size_t r = 0; r < t.rows(); ++r) {
    auto code = Uscc::normalise(t.at(r, *uscc));
    auto day = Date::parse(text::trimAscii(t.at(r, *date)));
    auto bad = parseOutcome(t.at(r, outcome));
    if (!Uscc::parse(code)) note(f, t, r, "统一社会信用代码“" + code + "”不合法");
    else if (!day) note(f, t, r, "观察日期“" + t.at(r, *date) + "”不是 YYYY-MM-DD");
    else if (!bad) note(f, t, r, "结果“" + t.at(r, outcome) + "”无法识别（应为 逾期 或 结清）");
    else f.rows.push_back({code, *day, *bad, t.lineOf(r)});
  }
  return f;
}

OutcomeFile readFeatureSamples(std::string_view csv) {
  CsvTable t = parse(csv);
  const std::string& outcome = outcomeColumn(t);
  std::vector<std::pair<size_t, const std::string*>> cols;
  for (const auto& h : t.header())
    if (auto f = featureByCode(text::trimAscii(h))) cols.emplace_back(static_cast<size_t>(*f), &h);
  if (cols.empty())
    throw ApiError::validation({{"", {"没有任何可识别的指标列（列名应为指标代码，如 tax_paid_12m）。",
                                      "No feature column (use feature codes as headers)."}}});
  OutcomeFile f;
  for (size_t r = 0; r < t.rows(); ++r) {
    auto bad = parseOutcome(t.at(r, outcome));
    if (!bad) {
      note(f, t, r, "结果“" + t.at(r, outcome) + "”无法识别（应为 逾期 或 结清）");
      continue;
    }
    Sample s;
    s.x.fill(kUnknown);
    s.bad = *bad;
    bool ok = true;
    for (auto [j, h] : cols) {
      std::string cell(text::trimAscii(t.at(r, *h)));
      if (cell.empty()) continue;  // unknown
      char* end = nullptr;
      double v = std::strtod(cell.c_str(), &end);
      if (end != cell.c_str() + cell.size() || !std::isfinite(v)) {
        note(f, t, r, *h + " 的值“" + cell + "”不是数值");
        ok = false;
        break;
      }
      s.x[j] = v;
    }
    if (ok) f.samples.push_back(s);
  }
  return f;
}

}  // namespace jinfu::credit
