#pragma once
// The use cases of 数据授权: an enterprise grants a bank a consent (scopes, days, purpose) and
// revokes it; each party lists its consents; the enterprise reads who looked at its data. Writes
// go through the command runner, so that a grant or revocation and its audit entry are one.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finance/consent/consent_store.hpp"
#include "finance/context.hpp"

namespace jinfu::auth { struct Principal; }

namespace jinfu::finance {

class ConsentService {
 public:
  // Shares the command runner and the clock of 融资对接's context.
  ConsentService(Context& context, ConsentStore& store) : c_(context), store_(store) {}

  std::string now() const { return c_.now(); }
  int64_t requireOwnEnterprise(const auth::Principal& p, const audit::Actor& actor, const std::string& route) {
    return c_.requireOwnEnterprise(p, actor, route);
  }

  ConsentRow grant(const auth::Principal& p, const audit::Actor& actor, int64_t enterpriseId, ConsentRequest request);
  ConsentRow revoke(const auth::Principal& p, const audit::Actor& actor, int64_t enterpriseId, int64_t consentId);
  std::vector<ConsentRow> list(const auth::Principal& p);
  std::vector<ReadRow> reads(const auth::Principal& p, int64_t enterpriseId) {
    return store_.reads(enterpriseId, organisationOf(p), 500);
  }

 private:
  static int64_t organisationOf(const auth::Principal& p);
  Context& c_;
  ConsentStore& store_;
};

}  // namespace jinfu::finance
