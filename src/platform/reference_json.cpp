#include "platform/reference_json.hpp"

#include <nlohmann/json.hpp>

#include "platform/calendar.hpp"
#include "platform/uscc.hpp"

namespace jinfu {
namespace {

const char* kindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWeekday: return "weekday";
    case DayKind::kWeekend: return "weekend";
    case DayKind::kHoliday: return "holiday";
    case DayKind::kAdjustedWorkday: return "adjusted-workday";
  }
  return "weekday";
}

nlohmann::json entriesJson(const dict::Dictionary& d) {
  auto out = nlohmann::json::array();
  for (const auto& e : d.entries)
    out.push_back({{"value", std::string(e.value)}, {"label", std::string(e.label)}, {"tag", std::string(e.tag)}});
  return out;
}

}  // namespace

nlohmann::json usccCheckJson(const std::string& raw, Lang lang) {
  auto parsed = Uscc::parse(raw);
  nlohmann::json r = {{"input", raw}, {"code", Uscc::normalise(raw)}, {"valid", parsed.ok()}};
  if (parsed.ok()) {
    r["reason"] = nullptr;
    r["description"] = parsed.value().describeZh();
  } else {
    r["reason"] = lang == Lang::En ? parsed.issue().reasonEn : parsed.issue().reasonZh;
    r["position"] = parsed.issue().position;
  }
  return r;
}

nlohmann::json dictionariesJson() {
  auto out = nlohmann::json::object();
  for (const auto& d : dict::all()) out[std::string(d.name)] = entriesJson(d);
  return out;
}

nlohmann::json dictionaryJson(const dict::Dictionary& d) {
  return {{"name", std::string(d.name)}, {"entries", entriesJson(d)}};
}

nlohmann::json dayJson(const WorkCalendar& calendar, Date date) {
  auto name = calendar.holidayName(date);
  return {{"date", date.toString()},
          {"workday", calendar.isWorkday(date)},
          {"kind", kindName(calendar.kind(date))},
          {"name", name.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(name))},
          {"inSchedule", calendar.covers(date.year())}};
}

}  // namespace jinfu
