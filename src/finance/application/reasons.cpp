#include "finance/application/reasons.hpp"

#include <array>

namespace jinfu::finance {
namespace {

constexpr std::array<RejectionReason, 12> kReasons = {{
    {"R01", "纳税信用等级不足", "按期申报、足额缴纳，纠正失信行为后向税务机关申请纳税信用修复", "税务局", true},
    {"R02", "纳税规模不足以支撑申请金额", "如实申报纳税，或降低申请金额、改选额度较低的产品", "税务局", true},
    {"R03", "社保或公积金存在欠缴", "补缴欠缴的社会保险费、住房公积金及滞纳金", "人社局（社保中心）、公积金中心", true},
    {"R04", "经营年限不足", "持续经营满产品要求的年限后再申请，或选择面向初创企业的产品", "企业自身（持续经营）", true},
    {"R05", "存在未结被执行案件或失信记录", "履行生效法律文书确定的义务，向执行法院申请删除失信信息", "人民法院", true},
    {"R06", "列入经营异常名录或严重违法失信名单", "补报年报、更正公示信息或完成信用修复后申请移出", "市场监督管理局", true},
    {"R07", "近期有行政处罚", "履行处罚决定并整改，公示期满后申请信用修复", "作出处罚决定的行政机关", true},
    {"R08", "缺少符合要求的担保或抵押", "提供抵押物、引入政府性融资担保，或选择信用类产品", "融资担保公司", true},
    {"R09", "申请材料不完整或不一致", "按银行清单补齐并核对申请材料后重新申请", "企业自身（材料准备）", true},
    {"R10", "负债率或对外担保过高", "降低负债、解除或减少对外担保后再申请", "企业自身（财务管理）", true},
    {"R11", "所属行业或用途不符合信贷政策", "调整资金用途，或选择支持该行业的产品", "银行信贷政策（不可由企业修复）", false},
    {"R12", "超出产品额度或期限范围", "按产品的额度与期限调整申请", "企业自身（调整申请）", true},
}};

}  // namespace

std::span<const RejectionReason> rejectionReasons() { return kReasons; }

const RejectionReason* findRejectionReason(std::string_view code) {
  for (const auto& r : kReasons)
    if (r.code == code) return &r;
  return nullptr;
}

bool isRejectionReason(std::string_view code) { return findRejectionReason(code) != nullptr; }

}  // namespace jinfu::finance
