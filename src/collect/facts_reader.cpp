#include "collect/facts_reader.hpp"

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::collect {

std::vector<FactAsOf> FactsReader::asOf(soci::session& s, int64_t enterpriseId, const std::string& cutoff) {
  std::vector<FactAsOf> out;
  db::Query q("SELECT category, fact_date, vals FROM facts WHERE enterprise_id = ");
  q.param(static_cast<long long>(enterpriseId));
  q << " AND received_at <= ";
  q.param(cutoff);
  q << " UNION ALL SELECT category, fact_date, vals FROM fact_history WHERE enterprise_id = ";
  q.param(static_cast<long long>(enterpriseId));
  q << " AND received_at <= ";
  q.param(cutoff);
  q << " AND superseded_at > ";
  q.param(cutoff);
  for (const auto& r : q.rows(s)) {
    db::Row row(r);
    out.push_back({row.str("category"), row.optStr("fact_date").value_or(""), row.str("vals")});
  }
  return out;
}

void FactsReader::forRange(
    soci::session& s, int64_t firstId, int64_t lastId, const std::string& cutoff,
    const std::function<void(int64_t, std::string_view, std::string_view, std::string_view)>& onFact) {
  // Bulk fetch into vectors: a run reads tens of millions of facts, and row-by-row fetching
  // would cost more than the scoring itself.
  constexpr size_t kFetch = 4096;
  long long first = firstId, last = lastId;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<long long> ids(kFetch);
    std::vector<std::string> categories(kFetch), dates(kFetch), vals(kFetch);
    std::vector<soci::indicator> dateInd(kFetch);
    soci::statement st =
        pass == 0 ? (s.prepare << "SELECT enterprise_id, category, fact_date, vals FROM facts "
                                  "WHERE enterprise_id BETWEEN :a AND :b AND received_at <= :c",
                     soci::use(first), soci::use(last), soci::use(cutoff), soci::into(ids), soci::into(categories),
                     soci::into(dates, dateInd), soci::into(vals))
                  : (s.prepare << "SELECT enterprise_id, category, fact_date, vals FROM fact_history "
                                  "WHERE enterprise_id BETWEEN :a AND :b AND received_at <= :c AND superseded_at > :d",
                     soci::use(first), soci::use(last), soci::use(cutoff), soci::use(cutoff), soci::into(ids),
                     soci::into(categories), soci::into(dates, dateInd), soci::into(vals));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < ids.size(); ++i)
        onFact(ids[i], categories[i], dateInd[i] == soci::i_ok ? std::string_view(dates[i]) : std::string_view(),
               vals[i]);
      ids.resize(kFetch);
      categories.resize(kFetch);
      dates.resize(kFetch);
      dateInd.resize(kFetch);
      vals.resize(kFetch);
    }
  }
}

std::vector<std::string> FactsReader::categoriesReceived(soci::session& s, const std::string& cutoff) {
  std::vector<std::string> out;
  db::Query q("SELECT DISTINCT category FROM collect_batches WHERE received_at <= ");
  q.param(cutoff);
  for (const auto& r : q.rows(s)) out.push_back(db::Row(r).str("category"));
  return out;
}

}  // namespace jinfu::collect
