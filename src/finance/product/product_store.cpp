#include "finance/product/product_store.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/store_support.hpp"

namespace jinfu::finance {
namespace {

using namespace sql;


constexpr const char* kProductColumns =
    "SELECT p.id, p.bank_id, o.name AS bank_name, p.name, p.kind, p.status, p.min_amount_fen, p.max_amount_fen, "
    "p.min_term_months, p.max_term_months, p.rate_kind, p.min_rate_bp, p.max_rate_bp, p.approval_workdays, p.spec, "
    "p.created_at, p.updated_at, p.published_at FROM products p JOIN organisations o ON o.id = p.bank_id";

ProductRow readProductRow(const soci::row& r) {
  ProductRow p;
  auto& s = p.spec;
  db::Row(r).into(p.id, p.bankId, p.bankName, s.name, s.kind, db::coded(p.status, productStatusByCode), s.minAmountFen,
                  s.maxAmountFen, s.minTermMonths, s.maxTermMonths, s.rateKind, s.minRateBp, s.maxRateBp,
                  s.approvalWorkdays, db::parsed(s, specColumn<ProductSpec>), p.createdAt, p.updatedAt, p.publishedAt);
  return p;
}

}  // namespace

int64_t ProductStore::insertProduct(soci::session& tx, int64_t bankId, const ProductSpec& s, int64_t userId,
                                   const std::string& now) {
  long long id = 0, bank = bankId, by = userId, minA = s.minAmountFen, maxA = s.maxAmountFen;
  int minT = s.minTermMonths, maxT = s.maxTermMonths, minR = s.minRateBp, maxR = s.maxRateBp, days = s.approvalWorkdays;
  std::string spec = specJson(s).dump();
  tx << "INSERT INTO products (bank_id, name, kind, status, min_amount_fen, max_amount_fen, min_term_months, "
        "max_term_months, rate_kind, min_rate_bp, max_rate_bp, approval_workdays, spec, created_by, created_at, updated_at) "
        "VALUES (:b, :n, :k, 'draft', :a1, :a2, :t1, :t2, :rk, :r1, :r2, :d, :s, :u, :c, :c2) RETURNING id",
      soci::use(bank), soci::use(s.name), soci::use(s.kind), soci::use(minA), soci::use(maxA), soci::use(minT),
      soci::use(maxT), soci::use(s.rateKind), soci::use(minR), soci::use(maxR), soci::use(days), soci::use(spec),
      soci::use(by), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool ProductStore::updateProduct(soci::session& tx, int64_t id, const ProductSpec& s, const std::string& now) {
  long long pid = id, minA = s.minAmountFen, maxA = s.maxAmountFen;
  int minT = s.minTermMonths, maxT = s.maxTermMonths, minR = s.minRateBp, maxR = s.maxRateBp, days = s.approvalWorkdays;
  std::string spec = specJson(s).dump();
  soci::statement st =
      (tx.prepare << "UPDATE products SET name = :n, kind = :k, min_amount_fen = :a1, max_amount_fen = :a2, "
                     "min_term_months = :t1, max_term_months = :t2, rate_kind = :rk, min_rate_bp = :r1, max_rate_bp = :r2, "
                     "approval_workdays = :d, spec = :s, updated_at = :u WHERE id = :id AND status <> 'published'",
       soci::use(s.name), soci::use(s.kind), soci::use(minA), soci::use(maxA), soci::use(minT), soci::use(maxT),
       soci::use(s.rateKind), soci::use(minR), soci::use(maxR), soci::use(days), soci::use(spec), soci::use(now),
       soci::use(pid));
  return affected(st) > 0;
}

bool ProductStore::setProductStatus(soci::session& tx, int64_t id, ProductStatus from, ProductStatus to,
                                   const std::string& now) {
  long long pid = id;
  std::string f(code(from)), t(code(to));
  Opt published = Opt::of(to == ProductStatus::Published ? std::optional<std::string>(now) : std::nullopt);
  soci::statement st = (tx.prepare << "UPDATE products SET status = :t, updated_at = :u, "
                                      "published_at = COALESCE(:p, published_at) WHERE id = :id AND status = :f",
                        soci::use(t), soci::use(now), soci::use(published.text, published.ind), soci::use(pid),
                        soci::use(f));
  return affected(st) > 0;
}

std::optional<ProductRow> ProductStore::product(int64_t id) {
  db::Query q(std::string(kProductColumns) + " WHERE p.id = ");
  q.param(id);
  return db::first(db_, q, readProductRow);
}

Page<ProductRow> ProductStore::products(const ProductFilter& f, Paging paging) {
  // The one condition, written into the count and the page alike.
  auto where = [&](db::Query& q) {
    q << " WHERE 1 = 1";
    if (f.ownBankId > 0) {
      q << " AND (p.status = 'published' OR p.bank_id = ";
      q.param(f.ownBankId);
      q << ")";
    } else {
      q << " AND p.status = 'published'";
    }
    if (f.status) {
      q << " AND p.status = ";
      q.param(std::string(code(*f.status)));
    }
    if (f.bankId) {
      q << " AND p.bank_id = ";
      q.param(*f.bankId);
    }
    if (!f.kind.empty()) {
      q << " AND p.kind = ";
      q.param(f.kind);
    }
    if (!f.q.empty()) {
      q << " AND (p.name LIKE ";
      q.param(db::containsPattern(f.q));
      q << " ESCAPE '\\' OR o.name LIKE ";
      q.param(db::containsPattern(f.q));
      q << " ESCAPE '\\')";
    }
    if (f.amountFen) {
      q << " AND p.min_amount_fen <= ";
      q.param(*f.amountFen);
      q << " AND p.max_amount_fen >= ";
      q.param(*f.amountFen);
    }
    if (f.termMonths) {
      q << " AND p.min_term_months <= ";
      q.param(*f.termMonths);
      q << " AND p.max_term_months >= ";
      q.param(*f.termMonths);
    }
  };
  auto order = [&](db::Query& q) {
    if (f.sort == "rate") {
      q << " ORDER BY CASE WHEN p.rate_kind = 'lpr' THEN p.min_rate_bp + ";
      q.param(f.lprBp);
      q << " ELSE p.min_rate_bp END, p.id";
    } else if (f.sort == "amount") {
      q << " ORDER BY p.max_amount_fen DESC, p.id";
    } else if (f.sort == "approval") {
      q << " ORDER BY p.approval_workdays, p.id";
    } else {
      q << " ORDER BY p.id DESC";
    }
  };
  return db::paged(db_, "SELECT COUNT(*) AS n FROM products p JOIN organisations o ON o.id = p.bank_id",
                   kProductColumns, where, order, paging, readProductRow);
}

std::vector<ProductRow> ProductStore::publishedProducts() {
  db::Query q(std::string(kProductColumns) + " WHERE p.status = 'published' ORDER BY p.id");
  return db::all(db_, q, readProductRow);
}

bool ProductStore::isBank(int64_t organisationId) {
  auto conn = db_.lease();
  db::Query q("SELECT COUNT(*) AS n FROM organisations WHERE kind = 'bank' AND id = ");
  q.param(organisationId);
  return count(*conn, q) > 0;
}

}  // namespace jinfu::finance
