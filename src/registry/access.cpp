#include "registry/access.hpp"

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/errors.hpp"

namespace jinfu::registry {

std::optional<EnterpriseRecord> readableEnterprise(RegistryStore& store, const auth::Principal& caller, int64_t id,
                                                   const std::function<bool(int64_t)>& allowed,
                                                   std::string_view scopeZh, audit::AuditLog& audit,
                                                   const audit::Actor& actor) {
  if (caller.orgKind != auth::OrgKind::Bank) return store.enterprise(auth::scopeOf(caller), id);
  auth::DataScope everything;
  everything.kind = auth::DataScope::Kind::All;
  auto e = store.enterprise(everything, id);
  if (e && allowed && allowed(e->id)) return e;
  audit.record(actor, {std::string(audit::action::kAccessDenied), "denied", "enterprise", std::to_string(id),
                       std::nullopt, std::nullopt, "无该企业的有效数据授权（" + std::string(scopeZh) + "）"});
  throw auth::consentRequired(scopeZh);
}

EnterpriseRecord readEnterprise(RegistryStore& store, const auth::Principal& caller, int64_t id,
                                const std::function<bool(int64_t)>& allowed, std::string_view scopeZh,
                                audit::AuditLog& audit, const audit::Actor& actor, std::string_view readZh) {
  auto e = readableEnterprise(store, caller, id, allowed, scopeZh, audit, actor);
  if (!e) throw ApiError::notFound({"企业不存在。", "No such enterprise."});
  audit.record(actor, {std::string(audit::action::kEnterpriseRead), "success", "enterprise", std::to_string(e->id),
                       std::nullopt, std::nullopt, e->uscc + std::string(readZh)});
  return std::move(*e);
}

}  // namespace jinfu::registry
