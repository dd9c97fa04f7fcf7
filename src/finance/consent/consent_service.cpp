#include "finance/consent/consent_service.hpp"

#include <chrono>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/audit/actions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/clock.hpp"

namespace jinfu::finance {

using nlohmann::json;

int64_t ConsentService::organisationOf(const auth::Principal& p) { return p.organisationId; }

ConsentRow ConsentService::grant(const auth::Principal& p, const audit::Actor& actor, int64_t enterpriseId,
                                 ConsentRequest r) {
  struct Decided {
    Consent consent;
    std::string bank;
  };
  int64_t id = c_.runner.run(
      actor, [&] { return r.bankId > 0 ? store_.bankName(r.bankId) : std::nullopt; },
      [&](const std::optional<std::string>& bank) {
        // Every problem at once: the request's own, and a bank that is not one.
        std::vector<FieldError> problems;
        try {
          checkConsentRequest(r);
        } catch (const ApiError& e) {
          problems = e.errors();
        }
        if (r.bankId > 0 && !bank) problems.insert(problems.begin(), {"bankId", {"没有这家银行。", "No such bank."}});
        if (!problems.empty()) throw ApiError::validation(std::move(problems));
        Decided d{{}, *bank};
        d.consent.enterpriseId = enterpriseId;
        d.consent.bankId = r.bankId;
        d.consent.scopes = r.scopes;
        const auto at = c_.clock.now();  // one reading: the period is exactly `days` days
        d.consent.grantedAt = rfc3339Shanghai(at);
        d.consent.expiresAt = rfc3339Shanghai(at + std::chrono::hours(24) * r.days);
        return d;
      },
      [&](soci::session& tx, const std::optional<std::string>&, const Decided& d, command::Effects& fx) {
        int64_t newId = store_.insert(tx, d.consent, p.userId, r.purpose);
        fx.audit({std::string(audit::action::kConsentGrant), "success", "consent", std::to_string(newId), std::nullopt,
                  json({{"bank", d.bank}, {"scopes", d.consent.scopes}, {"expiresAt", d.consent.expiresAt}}).dump(),
                  d.bank});
        return newId;
      });
  return *store_.byId(id);
}

ConsentRow ConsentService::revoke(const auth::Principal& p, const audit::Actor& actor, int64_t enterpriseId,
                                  int64_t consentId) {
  c_.runner.run(
      actor,
      [&] {
        auto row = store_.byId(consentId);
        if (!row || row->consent.enterpriseId != enterpriseId)
          throw ApiError::notFound({"没有这项数据授权。", "No such consent."});
        return *row;
      },
      [&](const ConsentRow& row) {
        std::string at = now();
        if (!row.consent.liveAt(at))
          throw ApiError::conflict("consent_not_live",
                                   {"这项授权已撤回或已过期，无需撤回。", "The consent is already revoked or expired."});
        return at;
      },
      [&](soci::session& tx, const ConsentRow& row, const std::string& at, command::Effects& fx) {
        if (!store_.revoke(tx, row.consent.id, p.userId, at))
          throw ApiError::conflict("consent_not_live",
                                   {"这项授权已撤回或已过期，无需撤回。", "The consent is already revoked or expired."});
        fx.audit({std::string(audit::action::kConsentRevoke), "success", "consent", std::to_string(row.consent.id),
                  std::nullopt, std::nullopt, row.bankName});
        return 0;
      });
  return *store_.byId(consentId);
}

std::vector<ConsentRow> ConsentService::list(const auth::Principal& p) {
  if (p.orgKind == auth::OrgKind::Enterprise && p.uscc) {
    if (auto id = store_.enterpriseIdOf(*p.uscc)) return store_.forEnterprise(*id);
    return {};
  }
  if (p.orgKind == auth::OrgKind::Bank) return store_.forBank(p.organisationId);
  return {};
}

}  // namespace jinfu::finance
