#include "platform/audit/audit_xlsx.hpp"

#include "platform/audit/actions.hpp"

namespace jinfu::audit {

std::string_view outcomeZh(std::string_view outcome) {
  if (outcome == "success") return "成功";
  if (outcome == "failure") return "失败";
  if (outcome == "denied") return "拒绝";
  return outcome;
}

AuditWorkbook::AuditWorkbook()
    : writer_("审计日志", {{"时间", 30},
                           {"用户", 18},
                           {"机构", 30},
                           {"操作", 26},
                           {"对象类型", 12},
                           {"对象编号", 14},
                           {"结果", 8},
                           {"地址", 18},
                           {"终端", 36},
                           {"详情", 60},
                           {"修改前", 50},
                           {"修改后", 50},
                           {"请求编号", 24}}) {}

void AuditWorkbook::add(const StoredEntry& entry) {
  const Content& c = entry.content;
  std::string actionText = c.action;
  if (auto zh = action::nameZh(c.action); !zh.empty()) actionText = std::string(zh) + "（" + c.action + "）";
  writer_.row({c.at, c.username, c.organisationName, actionText, c.objectType, c.objectId,
               std::string(outcomeZh(c.outcome)), c.ip, c.userAgent, c.detail, c.beforeJson.value_or(""),
               c.afterJson.value_or(""), c.requestId});
}

}  // namespace jinfu::audit
