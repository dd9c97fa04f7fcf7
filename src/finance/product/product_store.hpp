#pragma once
// The products table: what banks publish in the 金融产品超市. Every value is bound; lists take a
// Page. Alone speaks SQL for `products`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finance/product/product.hpp"
#include "platform/page.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

struct ProductRow {
  int64_t id = 0, bankId = 0;
  std::string bankName;
  ProductStatus status = ProductStatus::Draft;
  ProductSpec spec;
  std::string createdAt, updatedAt;
  std::optional<std::string> publishedAt;
};

struct ProductFilter {
  std::optional<ProductStatus> status;
  std::optional<int64_t> bankId;
  std::string kind, q;
  std::optional<int64_t> amountFen;  // products whose range holds it
  std::optional<int> termMonths;
  std::string sort;                  // rate, amount, approval, newest
  int lprBp = 0;                     // to sort LPR products by their effective rate
  int64_t ownBankId = 0;             // a bank also sees its own drafts and withdrawn products
};

class ProductStore {
 public:
  explicit ProductStore(db::Database& db) : db_(db) {}

  int64_t insertProduct(soci::session& tx, int64_t bankId, const ProductSpec& spec, int64_t userId, const std::string& now);
  // False when the product is published (a published product is never edited in place).
  bool updateProduct(soci::session& tx, int64_t id, const ProductSpec& spec, const std::string& now);
  // Moves a product from `from` to `to`; false when it was not in `from` any more.
  bool setProductStatus(soci::session& tx, int64_t id, ProductStatus from, ProductStatus to, const std::string& now);
  std::optional<ProductRow> product(int64_t id);
  Page<ProductRow> products(const ProductFilter& f, Paging paging);
  std::vector<ProductRow> publishedProducts();
  bool isBank(int64_t organisationId);

 private:
  db::Database& db_;
};

}  // namespace jinfu::finance
