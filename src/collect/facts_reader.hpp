#pragma once
// What other capabilities (credit) may read of the collected facts, without reading collect's
// tables: the facts of an enterprise as they stood at a moment — received by then and not yet
// superseded — one enterprise or a range of them in bulk, and the categories received by then.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/fwd.hpp"

namespace jinfu::collect {

struct FactAsOf {
  std::string category;
  std::string factDate;  // empty when the fact has none
  std::string valuesJson;
};

class FactsReader {
 public:
  static std::vector<FactAsOf> asOf(soci::session& s, int64_t enterpriseId, const std::string& cutoff);
  // Every fact of the enterprises firstId…lastId as of `cutoff`, in bulk (a scoring run reads tens
  // of millions): onFact(enterpriseId, category, factDate, valuesJson), in no particular order.
  static void forRange(soci::session& s, int64_t firstId, int64_t lastId, const std::string& cutoff,
                       const std::function<void(int64_t, std::string_view, std::string_view, std::string_view)>& onFact);
  // The categories of which any batch was received by `cutoff`.
  static std::vector<std::string> categoriesReceived(soci::session& s, const std::string& cutoff);
};

}  // namespace jinfu::collect
