#pragma once
// Labelled outcomes for training, as banks hand them over: a CSV of loans (统一社会信用代码,
// 观察日期, 结果 逾期/结清) whose features the platform computes as of each date, or a CSV that
// carries the features itself (feature codes as headers, plus 结果). Pure: text in, rows and
// per-row problems out; a file that cannot be read at all throws ApiError 400/422.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credit/training.hpp"

namespace jinfu::credit {

struct OutcomeRow {
  std::string uscc;
  Date observedOn;
  bool bad = false;
  size_t line = 0;
};

struct OutcomeFile {
  std::vector<OutcomeRow> rows;        // --outcomes
  std::vector<Sample> samples;         // --features
  std::vector<std::string> problems;   // "第 5 行：…", at most 20 then "……"
  size_t skipped = 0;
};

// Limits: at most kMaxOutcomeRows rows (a larger sample needs no more than this to fit 22 features).
inline constexpr size_t kMaxOutcomeRows = 1'000'000;

// The outcome of one of the platform's own loans (融资对接's application states): 逾期 overdue, or
// settled after an overdue report, is bad; settled without one is good; any other state has no
// outcome yet (nullopt).
std::optional<bool> platformLoanBad(std::string_view state, bool everOverdue);

OutcomeFile readOutcomes(std::string_view csv);
OutcomeFile readFeatureSamples(std::string_view csv);

}  // namespace jinfu::credit
