#pragma once
// The use cases of the 金融产品超市: a bank saves, publishes and withdraws its products; anyone
// with finance access browses and compares them; an enterprise sees, rule by rule, which products
// it fits (智能匹配) and how they rank. Writes go through the command runner.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finance/context.hpp"

namespace jinfu::finance {

struct Matching {
  Profile profile;
  std::vector<ProductRow> products;  // every published product, in the order of `matches`
  std::vector<Match> matches;
  std::vector<Ranked> ranked;        // the eligible ones, best first
  std::vector<int64_t> rankedIds;    // their product ids (the Match pointers do not outlive match())
  std::vector<std::string> rankedWhy;  // why each ranks where it does
};

class ProductService {
 public:
  explicit ProductService(Context& c) : c_(c) {}

  ProductRow create(const Acting& a, const ProductSpec& spec);
  ProductRow update(const Acting& a, int64_t id, const ProductSpec& spec);
  ProductRow move(const Acting& a, int64_t id, ProductStatus to);
  // The product as the principal may see it: published, or the bank's own; nullopt otherwise.
  std::optional<ProductRow> visible(const auth::Principal& p, int64_t id);
  // The market as the principal browses it (a bank also sees its own drafts and withdrawn ones).
  Page<ProductRow> list(const auth::Principal& p, ProductFilter f, Paging paging);

  // What the platform knows of the enterprise now, for matching.
  Profile profileOf(int64_t enterpriseId);
  Matching match(int64_t enterpriseId, const Need& need);
  std::vector<BankRecord> bankRecords(const std::vector<int64_t>& bankIds);
  // Whether the product admits the enterprise's need by every rule the platform can check.
  static bool fits(const Verdict& v) { return !v.fails; }

 private:
  Context& c_;
};

}  // namespace jinfu::finance
