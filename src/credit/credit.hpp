#pragma once
// The two lifecycles of 信用画像, as pure rules (no I/O, no clock, no SQL):
//
//   scorecard version   待启用 candidate → 启用 active → 停用 retired → 启用 active again
//                       (activating one retires the one that was active; at most one is active)
//   scoring run         运行中 running → 已完成 completed (a run over every enterprise commits in
//                       chunks; an interrupted run stays running and is resumed, never restarted)
//
// decide() returns the state a command leads to, or refuses with 409 — before anything is
// written.
#include <optional>
#include <string>
#include <string_view>

namespace jinfu::credit {

enum class CardStatus { Candidate, Active, Retired };
std::string_view code(CardStatus s);  // candidate, active, retired
std::optional<CardStatus> cardStatusByCode(std::string_view code);

// A scorecard version moving `from` → `to`. Activating the active version is refused with 409
// scorecard_already_active (naming `version`); every other edge that is not in the table with
// 409 illegal_transition.
CardStatus decide(CardStatus from, CardStatus to, const std::string& version);

enum class RunStatus { Running, Completed };
std::string_view code(RunStatus s);  // running, completed
std::optional<RunStatus> runStatusByCode(std::string_view code);

// A scoring run moving `from` → `to`: only running → completed; 409 illegal_transition otherwise.
RunStatus decide(RunStatus from, RunStatus to);
// Whether a run still takes chunks of scores (only while it runs).
bool takesScores(RunStatus s);

}  // namespace jinfu::credit
