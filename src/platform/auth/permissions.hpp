#pragma once
// What each role may do. A role is a named set of permissions and belongs to one kind of
// organisation; routes check permissions, never role names. Pure data, no I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.hpp"

namespace jinfu::auth {

// Stable permission codes, as routes declare them.
namespace perm {
inline constexpr std::string_view kSelf = "self";                // my profile, password, sessions
inline constexpr std::string_view kUserRead = "user.read";
inline constexpr std::string_view kUserManage = "user.manage";
inline constexpr std::string_view kOrgRead = "org.read";
inline constexpr std::string_view kOrgManage = "org.manage";
inline constexpr std::string_view kRoleRead = "role.read";
inline constexpr std::string_view kTokenManage = "token.manage";
inline constexpr std::string_view kAuditRead = "audit.read";
inline constexpr std::string_view kAuditExport = "audit.export";
inline constexpr std::string_view kEnterpriseRead = "enterprise.read";
inline constexpr std::string_view kEnterpriseExport = "enterprise.export";
inline constexpr std::string_view kCollectRead = "collect.read";      // batches, quarantine, timeliness
inline constexpr std::string_view kCollectSubmit = "collect.submit";  // submit a provider's batch
inline constexpr std::string_view kCollectManage = "collect.manage";  // who provides each category
inline constexpr std::string_view kCreditRead = "credit.read";    // one enterprise's credit profile (scope/consent)
inline constexpr std::string_view kCreditStats = "credit.stats";  // grade distributions and drift, no individuals
inline constexpr std::string_view kCreditManage = "credit.manage";  // scorecard versions, verification
inline constexpr std::string_view kConsentManage = "consent.manage";  // an enterprise grants/revokes, reads its log
inline constexpr std::string_view kConsentRead = "consent.read";      // list the consents one gave or holds
inline constexpr std::string_view kFinanceRead = "finance.read";      // products; demands, applications in scope
inline constexpr std::string_view kProductManage = "product.manage";  // a bank's products
inline constexpr std::string_view kDemandManage = "demand.manage";    // an enterprise publishes, applies, withdraws
inline constexpr std::string_view kDealHandle = "deal.handle";        // a bank claims and decides
inline constexpr std::string_view kFinanceStats = "finance.stats";    // the pipeline for the government
inline constexpr std::string_view kFinanceManage = "finance.manage";  // time limits, the sweep
}  // namespace perm

struct PermissionInfo {
  std::string_view code;
  std::string_view nameZh;
  std::string_view nameEn;
};

struct RoleInfo {
  std::string_view code;       // e.g. "bank-officer"
  std::string_view nameZh;     // e.g. "客户经理"
  std::string_view nameEn;
  OrgKind orgKind;             // the kind of organisation whose users may hold it
  std::vector<std::string_view> permissions;
};

const std::vector<PermissionInfo>& allPermissions();
const std::vector<RoleInfo>& allRoles();
const RoleInfo* findRole(std::string_view code);
bool isPermission(std::string_view code);

// The union of the roles' permissions, sorted and without repeats.
std::vector<std::string> permissionsOf(std::span<const std::string> roles);

}  // namespace jinfu::auth
