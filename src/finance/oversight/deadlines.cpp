#include "finance/oversight/deadlines.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {

std::string_view code(Step s) {
  switch (s) {
    case Step::ClaimOrRespond: return "claim_or_respond";
    case Step::FirstContact: return "first_contact";
    case Step::Decision: return "decision";
  }
  return "";
}

std::optional<Step> stepByCode(std::string_view c) {
  for (auto s : {Step::ClaimOrRespond, Step::FirstContact, Step::Decision})
    if (code(s) == c) return s;
  return std::nullopt;
}

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
