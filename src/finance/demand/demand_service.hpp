#pragma once
// The use cases of 融资需求: an enterprise publishes a demand to the pool (matched against every
// published product) or directs it at one product (an application to that bank at once), and
// withdraws it while no bank holds it; a bank claims a pool demand (one winner, on either
// database). Writes go through the command runner.
#include <cstdint>
#include <optional>

#include "finance/context.hpp"
#include "finance/product/product_service.hpp"

namespace jinfu::finance {

class DemandService {
 public:
  DemandService(Context& c, ProductService& products) : c_(c), products_(products) {}

  DemandRow publish(const Acting& a, int64_t enterpriseId, const DemandSpec& spec);
  DemandRow withdraw(const Acting& a, int64_t enterpriseId, int64_t demandId);
  ApplicationRow claim(const Acting& a, int64_t demandId);
  // A demand as the principal may see it (own, a bank's deal or 商机, the region's), else nullopt.
  std::optional<DemandRow> visible(const auth::Principal& p, int64_t id);

  // The demands the principal sees: `view` for a bank is its 商机 (opportunities), the whole pool
  // (pool) or its own deals (mine, the default).
  enum class BankView { Mine, Opportunities, Pool };
  Page<DemandRow> list(const auth::Principal& p, std::optional<DemandStatus> status, BankView view, Paging paging);

 private:
  Context& c_;
  ProductService& products_;
};

}  // namespace jinfu::finance
