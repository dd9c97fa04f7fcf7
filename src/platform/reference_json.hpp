#pragma once
// JSON shapes of the reference tools every role may use (platform_routes.cpp): the USCC check,
// the data dictionaries and the working-day calendar.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "platform/clock.hpp"
#include "platform/dictionary.hpp"
#include "platform/errors.hpp"

namespace jinfu {
class WorkCalendar;

// One code of a batch check: the input, its normalised form, and why it is not valid (in `lang`).
nlohmann::json usccCheckJson(const std::string& raw, Lang lang);
// Every dictionary by name, each as its entries.
nlohmann::json dictionariesJson();
nlohmann::json dictionaryJson(const dict::Dictionary& d);
// Whether `date` is a working day, and why.
nlohmann::json dayJson(const WorkCalendar& calendar, Date date);

}  // namespace jinfu
