#pragma once
// Time limits of the financing pipeline, in Chinese working days (WorkCalendar: weekends, the
// official holidays and their adjusted working weekends). Pure.
#include <optional>
#include <string_view>

#include "platform/calendar.hpp"
#include "platform/clock.hpp"

namespace jinfu::finance {

// The platform's settings; a product's own promise replaces `decision` for its applications.
struct TimeLimits {
  int claimOrRespond = 2;  // a published demand claimed, or a directed application answered
  int firstContact = 3;    // a claim followed by contact with the enterprise, or it lapses
  int decision = 10;       // from acceptance to 授信 or 拒绝
};

// The step whose clock runs: a demand waiting to be claimed or a directed application to be
// answered, a claim waiting for the first contact, an accepted application waiting for a decision.
enum class Step { ClaimOrRespond, FirstContact, Decision };

std::string_view code(Step s);  // claim_or_respond, first_contact, decision (stored in overdue marks)
std::string_view zh(Step s);    // 接单/响应, 首次联系, 审批决定
std::optional<Step> stepByCode(std::string_view code);
// The platform's limit for the step (a product's own promise may replace `decision`).
int limitOf(const TimeLimits& limits, Step s);

// The last day of a step that started on `start`: the n-th working day after it (the start day
// never counts, so a step started on the Friday before the Spring Festival with two working days
// ends after the holiday). A step is overdue from the day after its deadline.
Date deadline(const WorkCalendar& calendar, Date start, int workdays);
bool isOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today);
// Working days past the deadline (0 when not overdue).
int workdaysOverdue(const WorkCalendar& calendar, Date start, int workdays, Date today);

}  // namespace jinfu::finance
