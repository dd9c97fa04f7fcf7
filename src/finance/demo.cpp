#include "finance/demo.hpp"

#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"
#include "finance/market.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/notify/notifications.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

struct DemoProduct {
  const char* bank;
  bool publish;
  const char* spec;  // as a bank manager would post it
};

// Rates: LPR products as spreads in basis points, fixed ones as the annual rate.
const DemoProduct kProducts[] = {
    {"工商银行焦作分行", true,
     R"({"name":"经营快贷","kind":"credit","description":"纯信用、线上申请，随借随还，适合有稳定纳税记录的小微企业。",
        "minAmountFen":10000000,"maxAmountFen":300000000,"minTermMonths":3,"maxTermMonths":12,"rateKind":"lpr",
        "minRateBp":45,"maxRateBp":150,"repayment":["revolving","interest_first"],"guarantees":["credit"],
        "materials":["营业执照","法定代表人身份证","近一年财务报表"],"approvalWorkdays":5,
        "rules":{"regions":["4108"],"minYears":2,"minTaxGrade":"M","minCreditGrade":"C"}})"},
    {"工商银行焦作分行", true,
     R"({"name":"税易贷","kind":"tax","description":"以纳税信用换银行信用，按近 12 个月纳税额核定额度。",
        "minAmountFen":5000000,"maxAmountFen":200000000,"minTermMonths":6,"maxTermMonths":12,"rateKind":"fixed",
        "minRateBp":365,"maxRateBp":435,"repayment":["equal_installment","interest_first"],"guarantees":["credit"],
        "materials":["营业执照","近两年纳税证明"],"approvalWorkdays":3,
        "rules":{"regions":["4108"],"minTaxGrade":"B","minTaxPaid12mFen":5000000}})"},
    {"工商银行焦作分行", false,
     R"({"name":"供应链e信","kind":"supply_chain","description":"核心企业确权的应收账款融资（筹备中）。",
        "minAmountFen":50000000,"maxAmountFen":1000000000,"minTermMonths":3,"maxTermMonths":12,"rateKind":"lpr",
        "minRateBp":30,"maxRateBp":120,"repayment":["bullet"],"guarantees":["pledge"],"materials":["购销合同","应收账款确权书"],
        "approvalWorkdays":7,"rules":{"regions":["41"]}})"},
    {"农业银行焦作分行", true,
     R"({"name":"科技e贷","kind":"ip_pledge","description":"专利、商标质押，面向科技型中小企业。",
        "minAmountFen":50000000,"maxAmountFen":1000000000,"minTermMonths":6,"maxTermMonths":36,"rateKind":"lpr",
        "minRateBp":20,"maxRateBp":100,"repayment":["equal_principal","interest_first"],"guarantees":["pledge","credit"],
        "materials":["营业执照","专利证书","近一年财务报表"],"approvalWorkdays":10,
        "rules":{"industries":["C","M","I"],"sizeClasses":["medium","small","micro"],"minYears":1}})"},
    {"建设银行焦作分行", true,
     R"({"name":"抵押快贷","kind":"mortgage","description":"以厂房、商铺抵押，额度高、期限长。",
        "minAmountFen":100000000,"maxAmountFen":3000000000,"minTermMonths":12,"maxTermMonths":60,"rateKind":"fixed",
        "minRateBp":360,"maxRateBp":420,"repayment":["equal_installment","equal_principal"],"guarantees":["mortgage"],
        "materials":["营业执照","不动产权证书","评估报告"],"approvalWorkdays":7,
        "rules":{"regions":["4108"],"minYears":3}})"},
    {"中原银行焦作分行", true,
     R"({"name":"园区贷","kind":"guarantee","description":"政府性融资担保公司担保，园区入驻企业优先。",
        "minAmountFen":10000000,"maxAmountFen":500000000,"minTermMonths":6,"maxTermMonths":24,"rateKind":"fixed",
        "minRateBp":380,"maxRateBp":480,"repayment":["equal_installment","interest_first"],
        "guarantees":["guarantee","credit"],"materials":["营业执照","担保意向书"],"approvalWorkdays":5,
        "rules":{"regions":["410871"],"sizeClasses":["small","micro","medium"],"minInsured":10}})"},
    {"邮储银行焦作市分行", true,
     R"({"name":"小微易贷","kind":"credit","description":"面向小微企业的普惠信用贷款。",
        "minAmountFen":5000000,"maxAmountFen":100000000,"minTermMonths":3,"maxTermMonths":12,"rateKind":"lpr",
        "minRateBp":50,"maxRateBp":200,"repayment":["revolving"],"guarantees":["credit"],"materials":["营业执照"],
        "approvalWorkdays":5,"rules":{"regions":["4108"],"sizeClasses":["small","micro"],"minCreditGrade":"B"}})"},
};

// A demo account as the principal it logs in as (the demo acts through the same services).
std::optional<auth::Principal> principal(auth::IdentityStore& identity, const std::string& username,
                                         std::optional<std::string> uscc) {
  auto u = identity.userByName(username);
  if (!u) return std::nullopt;
  auth::Principal p;
  p.userId = u->id;
  p.username = u->username;
  p.displayName = u->displayName;
  p.roles = u->roles;
  p.permissions = auth::permissionsOf(u->roles);
  p.organisationId = u->organisationId;
  p.organisationName = u->organisationName;
  p.orgKind = u->orgKind;
  p.regionCode = u->regionCode;
  p.uscc = std::move(uscc);
  return p;
}

}  // namespace

FinanceDemo loadDemo(db::Database& db, const Clock& clock) {
  FinanceDemo out;
  audit::AuditLog audit(db, clock);
  credit::CreditService credit(db, clock);
  notify::NotificationStore notices(db);
  Market market(db, credit, notices, audit, clock, WorkCalendar::official());
  ProductFilter any;
  any.ownBankId = -1;
  if (market.context.products.products(any, {1, 1}).total > 0 || !market.context.products.publishedProducts().empty())
    return out;

  const std::string uscc = "91410800171971661U";  // 焦作市天宝桓祥科技有限公司, the demo enterprise
  auth::IdentityStore identity(db);
  auto admin = principal(identity, "demo-platform-admin", std::nullopt);
  auto enterpriseUser = principal(identity, "demo-enterprise-staff", uscc);
  auto officer = principal(identity, "demo-bank-officer", std::nullopt);
  if (!admin || !enterpriseUser || !officer) return out;
  auto enterprise = market.context.enterpriseOf(*enterpriseUser);
  if (!enterprise) return out;
  audit::Actor actor = audit::commandLineActor();

  // Products: entered by the platform on the banks' behalf (平台代录), as operators do at launch.
  std::map<std::string, int64_t> ids;
    for (const auto& p : kProducts) {
    auto bank = identity.organisationByName(std::string(p.bank));
    if (!bank || bank->kind != auth::OrgKind::Bank) continue;
    auto spec = readProduct(json::parse(p.spec), market.context.creditGrades());
    auth::Principal onBehalf = *admin;
    onBehalf.organisationId = bank->id;
    onBehalf.organisationName = p.bank;
    onBehalf.orgKind = auth::OrgKind::Bank;
    auto row = market.products.create({onBehalf, actor}, spec);
    if (p.publish) market.products.move({onBehalf, actor}, row.id, ProductStatus::Published);
    ids[spec.name] = row.id;
    ++out.products;
  }
  Acting ent{*enterpriseUser, actor}, bank{*officer, actor};
  auto demand = [&](int64_t amountFen, int term, const char* purpose, std::optional<int64_t> productId,
                    std::vector<std::string> guarantees = {}) {
    DemandSpec d;
    d.amountFen = amountFen;
    d.termMonths = term;
    d.purpose = purpose;
    d.guarantees = std::move(guarantees);
    d.guarantees.insert(d.guarantees.begin(), "credit");
    d.productId = productId;
    d.contactName = "王经理";
    d.contactPhone = "0391-3568888";
    ++out.demands;
    return market.demands.publish(ent, *enterprise, d);
  };
  auto act = [&](int64_t app, Command c, std::function<void(CommandInput&)> fill = {}) {
    CommandInput in;
    in.command = c;
    if (fill) fill(in);
    market.applications.command(bank, app, in);
  };
  Date today = market.today();

  // 1. In the pool, claimed by 工商银行, approved and partly disbursed.
  auto d1 = demand(120'000'000, 12, "采购原材料，扩大二季度产能", std::nullopt);
  auto a1 = market.demands.claim(bank, d1.id);
  act(a1.id, Command::Accept, [](CommandInput& in) { in.note = "已电话联系王经理，约定上门尽调"; });
  act(a1.id, Command::StartReview);
  act(a1.id, Command::Approve, [&](CommandInput& in) {
    in.amountFen = 100'000'000;
    in.rateBp = 345;
    in.termMonths = 12;
    in.validUntil = today.plusDays(30);
  });
  act(a1.id, Command::SignContract, [](CommandInput& in) { in.contractNo = "ICBC-JZ-2026-0815"; });
  act(a1.id, Command::Disburse, [&](CommandInput& in) {
    in.amountFen = 60'000'000;
    in.onDate = today;
  });
  // 2. Directed at 经营快贷, refused with reasons the enterprise can act on.
  if (ids.count("经营快贷")) {
    auto d2 = demand(200'000'000, 12, "新建生产线设备款", ids["经营快贷"]);
    auto apps = market.context.applications.applications({Viewer::Kind::All, 0, ""}, {std::nullopt, d2.id}, {1, 5}).items;
    if (!apps.empty()) {
      int64_t a2 = apps.front().id;
      act(a2, Command::Accept);
      act(a2, Command::RequestMaterials, [](CommandInput& in) { in.note = "请补充近两年审计报告和主要客户合同"; });
      CommandInput materials;
      materials.command = Command::SubmitMaterials;
      materials.note = "已上传审计报告与三份客户合同";
      market.applications.command(ent, a2, materials);
      act(a2, Command::StartReview);
      act(a2, Command::Reject, [](CommandInput& in) {
        in.reasonCodes = {"R01", "R03"};
        in.note = "纳税信用等级为 M 级，近 12 个月存在社保欠缴，建议修复后再申请";
      });
      ++out.applications;
    }
  }
  // 3. Directed at 税易贷? The enterprise's tax grade is below B, so it goes to 园区贷 instead,
  //    waiting for the bank's answer.
  if (ids.count("园区贷")) demand(50'000'000, 12, "支付货款", ids["园区贷"]), ++out.applications;
  // 4. In the pool since a week ago: past its claim deadline, so the sweep lists it (超时督办).
  {
    ManualClock earlier(clock.now() - std::chrono::hours(24 * 7));
    Market past(db, credit, notices, audit, earlier, WorkCalendar::official());
    DemandSpec d;
    d.amountFen = 80'000'000;
    d.termMonths = 24;
    d.purpose = "研发投入及流动资金周转";
    d.urgency = "urgent";
    d.guarantees = {"credit", "pledge"};
    past.demands.publish(ent, *enterprise, d);
    ++out.demands;
  }
  // 5. Fresh in the pool.
  demand(30'000'000, 6, "季节性备货", std::nullopt, {"guarantee"});
  market.sweep(today);
  out.applications += 1;
  return out;
}

}  // namespace jinfu::finance
