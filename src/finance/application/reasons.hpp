#pragma once
// The catalogue of rejection reasons a bank chooses from (one or more per refusal), each with what
// the enterprise can do about it and where — so that a refusal is never just "综合评分不足". Pure
// data; codes are stable (stored with decisions).
#include <span>
#include <string_view>

namespace jinfu::finance {

struct RejectionReason {
  std::string_view code;        // R01
  std::string_view zh;          // 纳税信用等级不足
  std::string_view remedy;      // 按期申报、足额缴纳，纠正失信行为后申请纳税信用修复
  std::string_view department;  // 税务局
  bool fixable;                 // 可修复: the enterprise can change it
};

std::span<const RejectionReason> rejectionReasons();
const RejectionReason* findRejectionReason(std::string_view code);
bool isRejectionReason(std::string_view code);

}  // namespace jinfu::finance
