#include "platform/audit/audit_json.hpp"
#include "platform/json.hpp"

#include <nlohmann/json.hpp>

namespace jinfu::audit {
namespace {

nlohmann::json objectOrText(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto value = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  // Stored by AuditLog::append as an object; show anything else (a tampered row) as it is.
  return value.is_discarded() ? nlohmann::json(*text) : value;
}


}  // namespace

nlohmann::json toJson(const StoredEntry& e) {
  const Content& c = e.content;
  return {{"id", e.id},
          {"at", c.at},
          {"requestId", c.requestId},
          {"userId", orNull(c.userId)},
          {"username", c.username},
          {"organisationId", orNull(c.organisationId)},
          {"organisationName", c.organisationName},
          {"tokenId", orNull(c.tokenId)},
          {"action", c.action},
          {"objectType", c.objectType},
          {"objectId", c.objectId},
          {"outcome", c.outcome},
          {"ip", c.ip},
          {"userAgent", c.userAgent},
          {"before", objectOrText(c.beforeJson)},
          {"after", objectOrText(c.afterJson)},
          {"detail", c.detail}};
}

nlohmann::json filterJson(const AuditLog::Filter& f) {
  nlohmann::json out = nlohmann::json::object();
  if (!f.user.empty()) out["user"] = f.user;
  if (f.organisationId) out["organisationId"] = *f.organisationId;
  if (!f.action.empty()) out["action"] = f.action;
  if (!f.objectType.empty()) out["objectType"] = f.objectType;
  if (!f.objectId.empty()) out["objectId"] = f.objectId;
  if (!f.outcome.empty()) out["outcome"] = f.outcome;
  if (f.from) out["from"] = f.from->toString();
  if (f.to) out["to"] = f.to->toString();
  return out;
}

}  // namespace jinfu::audit
