#include "finance/oversight/oversight_json.hpp"
#include "platform/json.hpp"

#include "platform/http/fields.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {

using nlohmann::json;

namespace {

std::string_view outcomeZh(const std::string& outcome) { return dict::label("overdue_outcome", outcome); }

json funnelRowJson(const FunnelRow& r) {
  return {{"key", r.key},
          {"name", r.name},
          {"published", r.published},
          {"claimed", r.claimed},
          {"approved", r.approved},
          {"disbursed", r.disbursed},
          {"publishedFen", r.publishedFen},
          {"approvedFen", r.approvedFen},
          {"disbursedFen", r.disbursedFen}};
}

}  // namespace

json clockJson(const OversightService::Clocked& c) {
  if (!c.step) return nullptr;
  return {{"step", code(*c.step)},
          {"stepZh", zh(*c.step)},
          {"deadline", c.deadline ? json(c.deadline->toString()) : json(nullptr)},
          {"overdue", c.overdue}};
}

json overdueJson(const OverdueRow& o) {
  return {{"id", o.id},
          {"step", code(o.step)},
          {"stepZh", zh(o.step)},
          {"demandId", o.demandId},
          {"applicationId", o.applicationId ? json(o.applicationId) : json(nullptr)},
          {"bank", o.bankId ? json({{"id", *o.bankId}, {"name", o.bankName}}) : json(nullptr)},
          {"enterprise", {{"name", o.enterpriseName}, {"uscc", o.uscc}}},
          {"startedOn", o.startedOn},
          {"deadline", o.deadline},
          {"markedAt", o.markedAt},
          {"resolvedAt", orNull(o.resolvedAt)},
          {"outcome", o.outcome},
          {"outcomeZh", outcomeZh(o.outcome)}};
}

json funnelJson(const Funnel& f) {
  json byBank = json::array(), byPark = json::array();
  for (const auto& r : f.byBank) byBank.push_back(funnelRowJson(r));
  for (const auto& r : f.byPark) byPark.push_back(funnelRowJson(r));
  return {{"total", funnelRowJson(f.total)}, {"byBank", byBank}, {"byPark", byPark}, {"openOverdue", f.openOverdue}};
}

json limitsJson(const TimeLimits& l) {
  return {{"claimOrRespond", l.claimOrRespond}, {"firstContact", l.firstContact}, {"decision", l.decision}};
}

TimeLimits readLimits(const json& body, const TimeLimits& was) {
  http::FieldReader r(body);
  TimeLimits l = was;
  // A key that is none of the three is a mistake (a typo would otherwise save nothing, silently).
  for (const auto& [key, unused] : body.items())
    if (key != "claimOrRespond" && key != "firstContact" && key != "decision")
      r.fail(key.size() > 64 ? key.substr(0, 64) : key,
             {"没有这个时限设置（可设置 claimOrRespond、firstContact、decision）。",
              "No such time limit (claimOrRespond, firstContact, decision)."});
  for (auto [key, slot] : {std::pair<const char*, int*>{"claimOrRespond", &l.claimOrRespond},
                           {"firstContact", &l.firstContact},
                           {"decision", &l.decision}})
    if (auto v = r.integer(key, http::Need::Optional, 1, 60, "时限", " 个工作日")) *slot = static_cast<int>(*v);
  r.check();
  return l;
}

json sweepJson(const SweepReport& r) {
  return {{"today", r.today.toString()}, {"checked", r.checked}, {"marked", r.marked}, {"lapsed", r.lapsed}};
}

}  // namespace jinfu::finance
