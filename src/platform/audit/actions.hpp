#pragma once
// The stable action codes of the audit trail (docs/identity-api.md, "Audit actions") and their
// Chinese names for people reading an export. Callers use the constants, never string literals,
// so that a typo cannot create a new, unfilterable action.
#include <string_view>

namespace jinfu::audit::action {

inline constexpr std::string_view kLogin = "auth.login";
inline constexpr std::string_view kLogout = "auth.logout";
inline constexpr std::string_view kPasswordChange = "auth.password.change";
inline constexpr std::string_view kSessionRevoke = "session.revoke";
inline constexpr std::string_view kAccessDenied = "access.denied";
inline constexpr std::string_view kUserCreate = "user.create";
inline constexpr std::string_view kUserUpdate = "user.update";
inline constexpr std::string_view kUserPasswordReset = "user.password.reset";
inline constexpr std::string_view kOrgCreate = "org.create";
inline constexpr std::string_view kOrgUpdate = "org.update";
inline constexpr std::string_view kTokenIssue = "token.issue";
inline constexpr std::string_view kTokenRevoke = "token.revoke";
inline constexpr std::string_view kEnterpriseRead = "enterprise.read";
inline constexpr std::string_view kAuditExport = "audit.export";
inline constexpr std::string_view kEnterpriseExport = "enterprise.export";
inline constexpr std::string_view kCollectSubmit = "collect.submit";
inline constexpr std::string_view kCollectProviders = "collect.providers";
inline constexpr std::string_view kCreditProfileRead = "credit.profile.read";
inline constexpr std::string_view kCreditScorecardRegister = "credit.scorecard.register";
inline constexpr std::string_view kCreditScorecardActivate = "credit.scorecard.activate";
inline constexpr std::string_view kCreditRun = "credit.run";
inline constexpr std::string_view kConsentGrant = "consent.grant";
inline constexpr std::string_view kConsentRevoke = "consent.revoke";
inline constexpr std::string_view kProductSave = "finance.product.save";
inline constexpr std::string_view kProductStatus = "finance.product.status";
inline constexpr std::string_view kDemandPublish = "finance.demand.publish";
inline constexpr std::string_view kDemandWithdraw = "finance.demand.withdraw";
inline constexpr std::string_view kDemandClaim = "finance.demand.claim";
inline constexpr std::string_view kApplicationCommand = "finance.application.command";
inline constexpr std::string_view kFinanceSettings = "finance.settings";
inline constexpr std::string_view kFinanceSweep = "finance.sweep";

// The Chinese name of a known code; empty for an unknown one.
constexpr std::string_view nameZh(std::string_view code) {
  if (code == kLogin) return "登录";
  if (code == kLogout) return "退出登录";
  if (code == kPasswordChange) return "修改密码";
  if (code == kSessionRevoke) return "注销会话";
  if (code == kAccessDenied) return "拒绝访问";
  if (code == kUserCreate) return "新建用户";
  if (code == kUserUpdate) return "修改用户";
  if (code == kUserPasswordReset) return "重置用户密码";
  if (code == kOrgCreate) return "新建机构";
  if (code == kOrgUpdate) return "修改机构";
  if (code == kTokenIssue) return "签发令牌";
  if (code == kTokenRevoke) return "吊销令牌";
  if (code == kEnterpriseRead) return "查看企业";
  if (code == kAuditExport) return "导出审计日志";
  if (code == kEnterpriseExport) return "导出企业名录";
  if (code == kCollectSubmit) return "报送归集数据";
  if (code == kCollectProviders) return "设置数据类别的提供部门";
  if (code == kCreditProfileRead) return "查看信用画像";
  if (code == kCreditScorecardRegister) return "导入评分卡";
  if (code == kCreditScorecardActivate) return "启用评分卡";
  if (code == kCreditRun) return "信用评分运行";
  if (code == kConsentGrant) return "数据授权";
  if (code == kConsentRevoke) return "撤回数据授权";
  if (code == kProductSave) return "保存金融产品";
  if (code == kProductStatus) return "产品上架/下架";
  if (code == kDemandPublish) return "发布融资需求";
  if (code == kDemandWithdraw) return "撤回融资需求";
  if (code == kDemandClaim) return "银行接单";
  if (code == kApplicationCommand) return "办理融资申请";
  if (code == kFinanceSettings) return "修改对接时限";
  if (code == kFinanceSweep) return "超时检查";
  return {};
}

}  // namespace jinfu::audit::action
