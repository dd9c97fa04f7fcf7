#include "credit/credit.hpp"

#include <fmt/format.h>

#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

ApiError illegal(std::string_view what, std::string_view from, std::string_view to) {
  return ApiError(409, "illegal_transition", statusTitle(409),
                  {fmt::format("{}当前为“{}”，不能变为“{}”。", what, from, to),
                   fmt::format("The {} is {}, it cannot become {}.", what == "评分卡" ? "scorecard" : "run", from, to)});
}

}  // namespace

std::string_view code(CardStatus s) {
  return s == CardStatus::Candidate ? "candidate" : s == CardStatus::Active ? "active" : "retired";
}
std::optional<CardStatus> cardStatusByCode(std::string_view c) {
  for (auto s : {CardStatus::Candidate, CardStatus::Active, CardStatus::Retired})
    if (code(s) == c) return s;
  return std::nullopt;
}

CardStatus decide(CardStatus from, CardStatus to, const std::string& version) {
  if (from == CardStatus::Active && to == CardStatus::Active)
    throw ApiError::conflict("scorecard_already_active", {"评分卡“" + version + "”已是启用版本。",
                                                          "Scorecard \"" + version + "\" is already active."});
  bool legal = (to == CardStatus::Active) || (from == CardStatus::Active && to == CardStatus::Retired);
  if (!legal) throw illegal("评分卡", code(from), code(to));
  return to;
}

std::string_view code(RunStatus s) { return s == RunStatus::Running ? "running" : "completed"; }
std::optional<RunStatus> runStatusByCode(std::string_view c) {
  for (auto s : {RunStatus::Running, RunStatus::Completed})
    if (code(s) == c) return s;
  return std::nullopt;
}

RunStatus decide(RunStatus from, RunStatus to) {
  if (from != RunStatus::Running || to != RunStatus::Completed) throw illegal("评分运行", code(from), code(to));
  return to;
}

bool takesScores(RunStatus s) { return s == RunStatus::Running; }

}  // namespace jinfu::credit
