#include "platform/auth/permissions.hpp"

#include <algorithm>

namespace jinfu::auth {

const std::vector<PermissionInfo>& allPermissions() {
  static const std::vector<PermissionInfo> list = {
      {perm::kSelf, "个人中心（资料、密码、会话）", "Own profile, password and sessions"},
      {perm::kUserRead, "查看用户", "Read users"},
      {perm::kUserManage, "管理用户", "Manage users"},
      {perm::kOrgRead, "查看机构", "Read organisations"},
      {perm::kOrgManage, "管理机构", "Manage organisations"},
      {perm::kRoleRead, "查看角色与权限", "Read roles and permissions"},
      {perm::kTokenManage, "管理接口令牌", "Manage API tokens"},
      {perm::kAuditRead, "查看审计日志", "Read the audit trail"},
      {perm::kAuditExport, "导出审计日志", "Export the audit trail"},
      {perm::kEnterpriseRead, "查看企业信息（限数据范围内）", "Read enterprises within the data scope"},
      {perm::kEnterpriseExport, "导出企业名录", "Export the enterprise registry"},
      {perm::kCollectRead, "查看归集批次与时效", "Read collection batches and timeliness"},
      {perm::kCollectSubmit, "报送归集数据", "Submit collection batches"},
      {perm::kCollectManage, "设置数据类别的提供部门", "Set the providers of each data category"},
      {perm::kCreditRead, "查看企业信用画像（本企业、经授权的企业或数据范围内）",
       "Read an enterprise's credit profile (own, consented, or within the data scope)"},
      {perm::kCreditStats, "查看信用等级分布与漂移", "Read credit grade distributions and drift"},
      {perm::kCreditManage, "管理评分卡版本", "Manage scorecard versions"},
      {perm::kConsentManage, "管理本企业的数据授权（授权、撤回、查看读取记录）",
       "Manage the enterprise's consents (grant, revoke, read log)"},
      {perm::kConsentRead, "查看数据授权", "Read consents"},
      {perm::kFinanceRead, "查看金融产品、融资需求与申请（限本企业、本行或辖区）",
       "Read products, demands and applications within scope"},
      {perm::kProductManage, "管理本行金融产品", "Manage the bank's products"},
      {perm::kDemandManage, "发布融资需求、申请与撤回", "Publish demands, apply and withdraw"},
      {perm::kDealHandle, "银行接单与办理申请", "Claim demands and handle applications"},
      {perm::kFinanceStats, "查看对接总览与超时督办", "Read the financing pipeline and overdue list"},
      {perm::kFinanceManage, "管理对接时限与超时检查", "Manage time limits and the overdue sweep"},
  };
  return list;
}

const std::vector<RoleInfo>& allRoles() {
  using namespace perm;
  static const std::vector<RoleInfo> list = {
      {"enterprise-staff", "企业经办人", "Enterprise staff", OrgKind::Enterprise,
       {kSelf, kEnterpriseRead, kCreditRead, kConsentManage, kConsentRead, kFinanceRead, kDemandManage}},
      {"enterprise-admin", "企业管理员", "Enterprise administrator", OrgKind::Enterprise,
       {kSelf, kEnterpriseRead, kUserRead, kUserManage, kRoleRead, kCreditRead, kConsentManage, kConsentRead, kFinanceRead,
        kDemandManage}},
      {"bank-officer", "客户经理", "Bank loan officer", OrgKind::Bank,
       {kSelf, kEnterpriseRead, kCreditRead, kConsentRead, kFinanceRead, kDealHandle}},
      {"bank-manager", "银行管理员", "Bank manager", OrgKind::Bank,
       {kSelf, kEnterpriseRead, kUserRead, kUserManage, kRoleRead, kTokenManage, kCreditRead, kConsentRead, kFinanceRead,
        kDealHandle, kProductManage}},
      {"gov-viewer", "政府查看员", "Government viewer", OrgKind::Government,
       {kSelf, kEnterpriseRead, kOrgRead, kCollectRead, kCreditStats, kFinanceRead, kFinanceStats}},
      {"gov-officer", "政府经办人", "Government officer", OrgKind::Government,
       {kSelf, kEnterpriseRead, kEnterpriseExport, kOrgRead, kUserRead, kCollectRead, kCreditStats, kFinanceRead,
        kFinanceStats}},
      {"gov-admin", "政府管理员", "Government administrator", OrgKind::Government,
       {kSelf, kEnterpriseRead, kEnterpriseExport, kOrgRead, kUserRead, kUserManage, kRoleRead, kAuditRead, kAuditExport,
        kCollectRead, kCreditStats, kFinanceRead, kFinanceStats}},
      // Individual scores are for the enterprise and its consented banks; a government body sees
      // them only through this role, given deliberately (every read is audited).
      {"gov-credit", "政府信用专员", "Government credit officer", OrgKind::Government,
       {kSelf, kEnterpriseRead, kOrgRead, kCreditRead, kCreditStats}},
      {"provider-uploader", "数据报送员", "Data provider uploader", OrgKind::Provider,
       {kSelf, kEnterpriseRead, kTokenManage, kCollectRead, kCollectSubmit}},
      {"platform-admin", "平台管理员", "Platform administrator", OrgKind::Operator,
       {kSelf, kEnterpriseRead, kEnterpriseExport, kOrgRead, kOrgManage, kUserRead, kUserManage, kRoleRead, kTokenManage,
        kAuditRead, kAuditExport, kCollectRead, kCollectSubmit, kCollectManage, kCreditStats, kCreditManage, kFinanceRead,
        kFinanceStats, kFinanceManage}},
  };
  return list;
}

const RoleInfo* findRole(std::string_view code) {
  for (const auto& r : allRoles())
    if (r.code == code) return &r;
  return nullptr;
}

bool isPermission(std::string_view code) {
  const auto& all = allPermissions();
  return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.code == code; });
}

std::vector<std::string> permissionsOf(std::span<const std::string> roles) {
  std::vector<std::string> out;
  for (const auto& role : roles)
    if (const auto* info = findRole(role))
      for (auto p : info->permissions) out.emplace_back(p);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jinfu::auth
