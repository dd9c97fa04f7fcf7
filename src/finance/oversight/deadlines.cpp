#include "finance/oversight/deadlines.hpp"

namespace jinfu::finance {

std::string_view zh(Step s) {
  switch (s) {
    case Step::ClaimOrRespond: return "接单/响应";
    case Step::FirstContact: return "首次联系";
    case Step::Decision: return "审批决定";
  }
  return "";
}

Date deadline(const WorkCalendar& calendar, Date start, int workdays) { return calendar.addWorkdays(start, workdays); }

bool isOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today) {
  return today > deadline(calendar, start, workdays);
}

int workdaysOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today) {
  Date due = deadline(calendar, start, workdays);
  return today > due ? calendar.workdaysBetween(due, today) : 0;
}

}  // namespace jinfu::finance
