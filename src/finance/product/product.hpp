#pragma once
// What banks publish, as the API receives it: a product (kind, amount, term and rate ranges,
// repayment, guarantees, materials, promised approval time, eligibility rules), its lifecycle
// (草稿 → 上架 ⇄ 下架) and its effective rate. The reader checks every field at once and names
// each problem; the catalogues give the codes and their Chinese names. Pure: JSON in, values or
// ApiError 422 out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finance/product/eligibility.hpp"
#include "platform/http/fields.hpp"
#include "platform/clock.hpp"

namespace jinfu::finance {

struct Named {
  std::string_view code, zh;
};
// A dictionary of the one table (platform/dictionary) as {code, label} pairs.
const std::vector<Named>& namedList(std::string_view dictionary);
const std::vector<Named>& productKinds();     // credit 信用贷, mortgage 抵押贷, … tax 税易贷
const std::vector<Named>& repaymentMethods(); // equal_installment 等额本息, …
const std::vector<Named>& guaranteeKinds();   // credit 信用, mortgage 抵押, guarantee 保证, pledge 质押
std::string_view nameOf(const std::vector<Named>& list, std::string_view code);  // the code when unknown
bool known(const std::vector<Named>& list, std::string_view code);
std::string codesOf(const std::vector<Named>& list);  // "credit 信用、mortgage 抵押…", for messages
// A reader's check that an item is one of the list's codes (the message names the choices).
http::FieldReader::ItemCheck oneOf(const std::vector<Named>& list, std::string_view label);

enum class ProductStatus { Draft, Published, Withdrawn };
std::string_view code(ProductStatus s);  // draft, published, withdrawn
std::string_view zh(ProductStatus s);    // 草稿, 已上架, 已下架
std::optional<ProductStatus> productStatusByCode(std::string_view code);
// The product lifecycle: 草稿 → 上架 → 下架 → 上架 again; a draft is never "withdrawn". Returns
// `to`, or throws 409 illegal_transition naming the product's state. Editing is allowed in every
// state but 上架 (mayEdit), so that enterprises comparing or applying never see terms change.
ProductStatus decide(ProductStatus from, ProductStatus to);
bool mayEdit(ProductStatus s);

// A product as the bank manager writes it. Rates: `fixed` gives the annual rate range in basis
// points; `lpr` gives the spread range over the one-year LPR (may be negative).
struct ProductSpec {
  std::string name, kind, description;
  int64_t minAmountFen = 0, maxAmountFen = 0;
  int minTermMonths = 0, maxTermMonths = 0;
  std::string rateKind = "fixed";
  int minRateBp = 0, maxRateBp = 0;
  std::vector<std::string> repayment, guarantees, materials;
  int approvalWorkdays = 0;
  Rules rules;
};

// Every problem at once (ApiError 422, fields named as sent: "rules.minTaxGrade"). Industries
// are GB/T 4754 prefixes (a section letter, optionally followed by division digits), regions
// GB/T 2260 prefixes of 2–6 digits, `creditGrades` the active scorecard's grades.
ProductSpec readProduct(const nlohmann::json& body, const std::vector<std::string>& creditGrades);
nlohmann::json toJson(const ProductSpec& spec);          // the same shape readProduct reads
nlohmann::json specJson(const ProductSpec& spec);        // what the store keeps beside the columns
void readSpecJson(const nlohmann::json& spec, ProductSpec& into);

// The effective annual rate range of a product on `day`: a fixed range as is, an LPR spread
// added to the one-year LPR in force that month (data/reference/lpr.csv, the latest known month
// when `day` is later).
struct RateRange {
  int minBp = 0, maxBp = 0;
  std::optional<int> lprBp;  // the LPR used, for LPR products
};
RateRange effectiveRate(const ProductSpec& spec, Date day);
std::optional<int> lpr1yBp(Date day);  // nullopt before the first known month

// A product made ready for matching on `day`: the eligibility view with the effective rates.
Product forMatching(int64_t id, const std::string& bankName, const ProductSpec& spec, Date day);

}  // namespace jinfu::finance
