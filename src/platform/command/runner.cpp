#include "platform/command/runner.hpp"

#include "platform/clock.hpp"

namespace jinfu::command {

void Runner::finish(soci::session& tx, const audit::Actor& actor, const Effects& effects) {
  for (const auto& entry : effects.audit_) audit_.append(tx, actor, entry);
  if (effects.notices_.empty()) return;
  const std::string at = rfc3339Shanghai(clock_.now());
  for (const auto& [organisation, message] : effects.notices_) notices_.sendToOrganisation(tx, organisation, message, at);
}

}  // namespace jinfu::command
