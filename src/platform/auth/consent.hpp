#pragma once
// How a capability asks whether a bank may read an enterprise's data: the enterprise's live
// consent (数据授权) to that bank, covering the scope read — "credit", "profile" or a collect
// category. The finance capability answers it; the app hands the answer to the registry, collect
// and credit routes, which know nothing of finance.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "platform/errors.hpp"

namespace jinfu::auth {

using ConsentCheck = std::function<bool(int64_t enterpriseId, int64_t orgId, std::string_view scope)>;
// The enterprises whose live consent to the organisation covers `scope`: a bank's 企业查询.
using ConsentedEnterprises = std::function<std::vector<int64_t>(int64_t orgId, std::string_view scope)>;

// The refusal a bank gets without a live consent covering `scopeZh` (信用画像, 企业基本信息 …).
inline ApiError consentRequired(std::string_view scopeZh) {
  return ApiError(403, "consent_required", {"需要企业数据授权", "Consent required"},
                  {"查看该企业的" + std::string(scopeZh) + "需要该企业向本行作出、仍在有效期内且范围包含“" +
                       std::string(scopeZh) + "”的数据授权。",
                   "Reading this needs the enterprise's live consent to your bank covering it."});
}

}  // namespace jinfu::auth
