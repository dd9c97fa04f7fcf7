#include "finance/oversight/deadlines.hpp"
#include "platform/codes.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {
namespace {

// Codes here; the labels come from the one dictionary.
constexpr std::array<codes::Code<Step>, 3> kSteps = {{
    {Step::ClaimOrRespond, "claim_or_respond"},
    {Step::FirstContact, "first_contact"},
    {Step::Decision, "decision"},
}};

}  // namespace

std::string_view code(Step s) { return codes::of(kSteps, s); }
std::optional<Step> stepByCode(std::string_view c) { return codes::find(kSteps, c); }

int limitOf(const TimeLimits& l, Step s) {
  switch (s) {
    case Step::ClaimOrRespond: return l.claimOrRespond;
    case Step::FirstContact: return l.firstContact;
    case Step::Decision: return l.decision;
  }
  return l.decision;
}

std::string_view zh(Step s) { return dict::label("overdue_step", code(s)); }

Date deadline(const WorkCalendar& calendar, Date start, int workdays) { return calendar.addWorkdays(start, workdays); }

bool isOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today) {
  return today > deadline(calendar, start, workdays);
}

int workdaysOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today) {
  Date due = deadline(calendar, start, workdays);
  return today > due ? calendar.workdaysBetween(due, today) : 0;
}

}  // namespace jinfu::finance
