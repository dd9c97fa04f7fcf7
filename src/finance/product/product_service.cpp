#include "finance/product/product_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "credit/credit_service.hpp"
#include "platform/audit/actions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

ApiError noSuchProduct() { return ApiError::notFound({"没有这个产品。", "No such product."}); }

}  // namespace

ProductRow ProductService::create(const Acting& a, const ProductSpec& spec) {
  int64_t id = c_.runner.write(a.actor, [&](soci::session& tx, command::Effects& fx) {
    int64_t newId = c_.products.insertProduct(tx, a.principal.organisationId, spec, a.principal.userId, c_.now());
    fx.audit({std::string(audit::action::kProductSave), "success", "product", std::to_string(newId), std::nullopt,
              toJson(spec).dump(), spec.name});
    return newId;
  });
  return *c_.products.product(id);
}

ProductRow ProductService::update(const Acting& a, int64_t id, const ProductSpec& spec) {
  c_.runner.run(
      a.actor,
      [&] {
        auto before = c_.products.product(id);
        if (!before || before->bankId != a.principal.organisationId) throw noSuchProduct();
        return *before;
      },
      [&](const ProductRow& before) {
        if (!mayEdit(before.status))
          throw ApiError::conflict("product_published",
                                   {"产品已上架，请先下架再修改，以免正在比较或申请的企业看到的条件变化。",
                                    "Withdraw the product before changing it."});
        return true;
      },
      [&](soci::session& tx, const ProductRow& before, bool, command::Effects& fx) {
        if (!c_.products.updateProduct(tx, id, spec, c_.now()))
          throw ApiError::conflict("product_published", {"产品刚刚被上架，请先下架再修改。", "The product was just published."});
        fx.audit({std::string(audit::action::kProductSave), "success", "product", std::to_string(id),
                  toJson(before.spec).dump(), toJson(spec).dump(), spec.name});
        return 0;
      });
  return *c_.products.product(id);
}

ProductRow ProductService::move(const Acting& a, int64_t id, ProductStatus to) {
  struct Loaded {
    ProductRow before;
    ProductStatus next;  // decided before reading every open demand, so a refusal reads none
    // On publishing, the open demands it fits become the bank's 商机; their profiles are read
    // here, before the transaction, so that the write lock is held only for the inserts.
    std::vector<std::pair<int64_t, int64_t>> fitting;
  };
  c_.runner.run(
      a.actor,
      [&] {
        auto before = c_.products.product(id);
        if (!before || before->bankId != a.principal.organisationId) throw noSuchProduct();
        Loaded l{*before, decide(before->status, to), {}};
        if (to != ProductStatus::Published) return l;
        auto grades = c_.creditGrades();
        Product product = forMatching(id, before->bankName, before->spec, c_.today());
        std::map<int64_t, Profile> profiles;
        for (int64_t after = 0;;) {
          auto batch = c_.demands.openDemands(after, 500);
          if (batch.empty()) break;
          for (const auto& d : batch) {
            after = d.id;
            auto it = profiles.find(d.enterpriseId);
            if (it == profiles.end()) it = profiles.emplace(d.enterpriseId, profileOf(d.enterpriseId)).first;
            Need need{d.spec.amountFen, d.spec.termMonths, d.spec.guarantees};
            if (fits(evaluate(product, it->second, need, grades))) l.fitting.emplace_back(d.id, id);
          }
        }
        return l;
      },
      [](const Loaded& l) { return l.next; },
      [&](soci::session& tx, const Loaded& l, ProductStatus next, command::Effects& fx) {
        if (!c_.products.setProductStatus(tx, id, l.before.status, next, c_.now()))
          throw ApiError::conflict("concurrent_change", {"产品状态刚刚被修改，请刷新后再试。", "The product changed meanwhile."});
        if (next == ProductStatus::Withdrawn) c_.demands.removeProductMatches(tx, id);
        for (const auto& [demand, product] : l.fitting) c_.demands.addMatches(tx, demand, {{product, l.before.bankId}});
        fx.audit({std::string(audit::action::kProductStatus), "success", "product", std::to_string(id),
                  json({{"status", code(l.before.status)}}).dump(), json({{"status", code(next)}}).dump(),
                  l.before.spec.name});
        return 0;
      });
  return *c_.products.product(id);
}

std::optional<ProductRow> ProductService::visible(const auth::Principal& p, int64_t id) {
  auto row = c_.products.product(id);
  if (!row) return std::nullopt;
  if (row->status == ProductStatus::Published) return row;
  if (p.orgKind == auth::OrgKind::Bank && row->bankId == p.organisationId) return row;
  return std::nullopt;
}

Page<ProductRow> ProductService::list(const auth::Principal& p, ProductFilter f, Paging paging) {
  if (p.orgKind == auth::OrgKind::Bank) f.ownBankId = p.organisationId;
  f.lprBp = lpr1yBp(c_.today()).value_or(0);
  return c_.products.products(f, paging);
}

Profile ProductService::profileOf(int64_t enterpriseId) {
  Profile out;
  auto ref = c_.credit.store().enterprise(enterpriseId);
  if (!ref) return out;
  if (auto basics = c_.demands.enterpriseBasics(enterpriseId)) {
    out.regionCode = basics->regionCode;
    out.industryCode = basics->industryCode;
    out.sizeClass = basics->sizeClass;
  }
  auto profile = c_.credit.compute(*ref, c_.credit.active(), c_.now());
  auto feature = [&](credit::Feature f) -> std::optional<double> {
    double v = profile.features[static_cast<size_t>(f)];
    if (std::isnan(v)) return std::nullopt;
    return v;
  };
  out.years = feature(credit::Feature::YearsEstablished);
  if (auto g = feature(credit::Feature::TaxCreditGrade)) {
    static constexpr const char* kGrades[] = {"D", "C", "M", "B", "A"};
    int i = static_cast<int>(*g);
    if (i >= 0 && i <= 4) out.taxGrade = kGrades[i];
  }
  if (auto t = feature(credit::Feature::TaxPaid12m)) out.taxPaid12mFen = static_cast<int64_t>(std::llround(*t * 1e6));
  if (auto i = feature(credit::Feature::InsuredCount)) out.insured = static_cast<int64_t>(std::llround(*i));
  if (auto d = feature(credit::Feature::Dishonest)) out.dishonest = *d > 0;
  if (auto s = feature(credit::Feature::SeriousIllegalListed)) out.seriousIllegal = *s > 0;
  if (profile.result.grade) out.creditGrade = profile.result.grade->grade;
  return out;
}

std::vector<BankRecord> ProductService::bankRecords(const std::vector<int64_t>& bankIds) {
  std::map<int64_t, BankRecord> by;
  for (const auto& h : c_.applications.bankHistories()) {
    BankRecord r;
    if (!h.responses.empty()) {
      std::vector<int> days;
      for (const auto& [created, accepted] : h.responses)
        days.push_back(std::max(0, c_.calendar.workdaysBetween(created, accepted)));
      std::sort(days.begin(), days.end());
      size_t n = days.size();
      r.responseWorkdays = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
    }
    if (h.decided > 0) r.approvalRate = static_cast<double>(h.approved) / static_cast<double>(h.decided);
    by[h.bankId] = r;
  }
  std::vector<BankRecord> out;
  for (int64_t id : bankIds) out.push_back(by.count(id) ? by[id] : BankRecord{});
  return out;
}

Matching ProductService::match(int64_t enterpriseId, const Need& need) {
  Matching m;
  m.profile = profileOf(enterpriseId);
  m.products = c_.products.publishedProducts();
  auto grades = c_.creditGrades();
  Date day = c_.today();
  std::vector<Product> views;
  views.reserve(m.products.size());
  for (const auto& p : m.products) views.push_back(forMatching(p.id, p.bankName, p.spec, day));
  std::vector<int64_t> banks;
  std::vector<const Product*> eligible;
  for (size_t i = 0; i < views.size(); ++i) {
    m.matches.push_back(finance::match(views[i], m.profile, need, grades));
    if (m.matches.back().eligible) {
      eligible.push_back(&views[i]);
      banks.push_back(m.products[i].bankId);
    }
  }
  // Matches and rankings point into `views`; keep the ids, then point at nothing.
  m.ranked = rank(eligible, bankRecords(banks));
  for (auto& r : m.ranked) {
    m.rankedIds.push_back(r.product->id);
    m.rankedWhy.push_back(why(r));
    r.product = nullptr;
  }
  for (auto& x : m.matches) x.product = nullptr;
  return m;
}

}  // namespace jinfu::finance
