#pragma once
// What the stores of 融资对接 share, and only they include: binding nullable values, the
// viewer's scope as a condition, counting and paging a query, rows changed by a statement.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/viewer.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/page.hpp"

namespace jinfu::finance::sql {

// A nullable value bound to a statement: the value and its indicator live as long as the call.
struct Opt {
  std::string text;
  long long number = 0;
  soci::indicator ind = soci::i_null;
  static Opt of(const std::optional<std::string>& v) {
    Opt o;
    if (v) o.text = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<int64_t>& v) {
    Opt o;
    if (v) o.number = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<int>& v) {
    Opt o;
    if (v) o.number = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<Date>& v) {
    Opt o;
    if (v) o.text = v->toString(), o.ind = soci::i_ok;
    return o;
  }
};

// A `spec` column (JSON) read into the spec its other columns started, for db::parsed in Row::into.
template <class Spec>
void specColumn(const std::string& text, Spec& spec) {
  readSpecJson(nlohmann::json::parse(text, nullptr, false), spec);
}

inline std::optional<Date> optDate(const db::Row& row, const char* column) {
  auto s = row.optStr(column);
  return s ? Date::parse(*s) : std::nullopt;
}

// The viewer's scope on applications `a` / enterprises `e`; false when the viewer sees nothing.
inline bool scope(db::Query& q, const Viewer& v, const char* bankColumn) {
  switch (v.kind) {
    case Viewer::Kind::Enterprise:
      q << " AND e.id = ";
      q.param(v.id);
      return true;
    case Viewer::Kind::Bank:
      q << " AND " << bankColumn << " = ";
      q.param(v.id);
      return true;
    case Viewer::Kind::Region:
      q << " AND e.region_code LIKE ";
      q.param(v.regionPrefix + "%");
      return true;
    case Viewer::Kind::All: return true;
    case Viewer::Kind::Nobody: return false;
  }
  return false;
}

inline int64_t count(soci::session& s, const db::Query& q) {
  for (const auto& r : q.rows(s)) return db::Row(r).i64("n");
  return 0;
}

inline void page(db::Query& q, const Paging& p) {
  q << " LIMIT ";
  q.param(p.pageSize);
  q << " OFFSET ";
  q.param(static_cast<long long>(p.offset()));
}

inline long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace jinfu::finance::sql
