#pragma once
// The database: a pool of SOCI sessions on SQLite or PostgreSQL. Only store files use it, and
// they always bind parameters. One transaction helper, one row-mapping helper (Row) — see below.
#include <atomic>
#include <deque>
#include <variant>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "platform/clock.hpp"
#include "platform/page.hpp"

namespace jinfu::db {

enum class Dialect { Sqlite, Postgresql };

struct Location {
  Dialect dialect;
  std::string target;  // SQLite file path, or the PostgreSQL connection URI

  // "sqlite:PATH" or "postgresql://…" ("postgres://…" too). Throws ApiError on anything else.
  static Location parse(std::string_view url);
  std::string display() const;  // without a password
};

struct PoolStats {
  size_t size = 0;
  size_t inUse = 0;
  uint64_t leases = 0;        // total leases handed out
  uint64_t timeouts = 0;      // callers that gave up waiting
  double waitSeconds = 0;     // total time callers waited for a connection
};

class Database {
 public:
  // Opens `poolSize` connections. SQLite: WAL journal, foreign keys on, busy timeout; the file's
  // directory is created when missing. Throws ApiError when the database cannot be reached.
  static std::unique_ptr<Database> open(const Location& location, size_t poolSize);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return location_.dialect; }
  const Location& location() const { return location_; }

  // A connection borrowed from the pool, returned when the lease goes out of scope.
  class Lease {
   public:
    Lease(Database& db, size_t pos) : db_(&db), pos_(pos) {}
    Lease(Lease&& other) noexcept : db_(std::exchange(other.db_, nullptr)), pos_(other.pos_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& operator*() const;
    soci::session* operator->() const { return &**this; }

    // A per-connection object built once by `make(session)` (returning std::unique_ptr<T>, so
    // that what a statement is bound to never moves) and kept with the connection — for
    // a prepared soci::statement together with the variables it is bound to, so that a hot
    // query is parsed once per connection instead of once per call. Only the lease holder
    // touches it, so no lock is needed. `key` names the query, e.g. "registry.summary".
    template <class T, class Make>
    T& cached(const std::string& key, Make&& make) const {
      auto& slot = db_->cache_[pos_][key];
      if (!slot) slot = std::shared_ptr<T>(make(**this));
      return *static_cast<T*>(slot.get());
    }

   private:
    Database* db_;
    size_t pos_;
  };

  // Waits up to the pool timeout; throws ApiError 503 when no connection frees up in time.
  Lease lease();

  // Runs `work(session)` inside one transaction: committed when it returns, rolled back when it
  // throws (and the exception passes on). On SQLite the transaction takes the write lock at the
  // start (BEGIN IMMEDIATE), so two writers queue on the busy timeout instead of deadlocking.
  //
  // SQLite has one writer at a time anyway; in-process writers queue on a mutex rather than in
  // SQLite's busy handler, which sleeps in growing steps and so turns contention into idle time.
  // (Recursive, so that a transaction opened inside another on the same thread behaves as before:
  // it waits on SQLite's busy timeout and fails, instead of deadlocking here.)
  template <class Work>
  auto transaction(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    std::unique_lock<std::recursive_mutex> writer(writer_, std::defer_lock);
    if (location_.dialect == Dialect::Sqlite) writer.lock();
    Lease conn = lease();
    begin(*conn);
    try {
      if constexpr (std::is_void_v<decltype(work(*conn))>) {
        work(*conn);
        commit(*conn);
      } else {
        auto result = work(*conn);
        commit(*conn);
        return result;
      }
    } catch (...) {
      rollback(*conn);
      throw;
    }
  }

  bool ping();  // true when a trivial query succeeds
  PoolStats stats() const;

 private:
  Database(Location location, size_t poolSize);
  void begin(soci::session& s);
  void commit(soci::session& s);
  void rollback(soci::session& s) noexcept;

  Location location_;
  size_t poolSize_;
  soci::connection_pool pool_;
  std::vector<std::unordered_map<std::string, std::shared_ptr<void>>> cache_;  // per pool slot
  std::recursive_mutex writer_;  // SQLite only: see transaction()
  std::atomic<size_t> inUse_{0};
  std::atomic<uint64_t> leases_{0};
  std::atomic<uint64_t> timeouts_{0};
  std::atomic<uint64_t> waitMicros_{0};
};

// A query assembled from optional parts — filters, the caller's data scope — whose values are
// always bound, never spliced into the text: `q << " AND name LIKE " ; q.param(pattern);`
// appends the placeholder :pN and keeps the value. The rowset must not outlive the Query.
class Query {
 public:
  explicit Query(std::string text = {}) : text_(std::move(text)) {}
  Query& operator<<(std::string_view text) {
    text_ += text;
    return *this;
  }
  Query& param(long long value);
  Query& param(std::string value);
  const std::string& text() const { return text_; }
  soci::rowset<soci::row> rows(soci::session& s) const;
  void execute(soci::session& s) const;  // for a statement that returns no rows

 private:
  soci::details::prepare_temp_type prepare(soci::session& s) const;
  std::string text_;
  std::deque<std::variant<long long, std::string>> values_;  // deque: addresses stay put
};

// The first row of `q` mapped by `map` (a store's row reader), or nullopt; and every row. They
// lease a pooled connection for the read: inside a transaction, read through the session instead.
template <class Map>
auto first(Database& db, const Query& q, Map map) -> std::optional<decltype(map(std::declval<const soci::row&>()))> {
  auto conn = db.lease();
  for (const auto& r : q.rows(*conn)) return map(r);
  return std::nullopt;
}
template <class Map>
auto all(Database& db, const Query& q, Map map) -> std::vector<decltype(map(std::declval<const soci::row&>()))> {
  auto conn = db.lease();
  std::vector<decltype(map(std::declval<const soci::row&>()))> out;
  for (const auto& r : q.rows(*conn)) out.push_back(map(r));
  return out;
}

// LIKE pattern for "contains `text`", with % _ and the escape character escaped; use it with
// ESCAPE '\'.
std::string containsPattern(std::string_view text);

// Reads a column whatever exact type the backend reported. SOCI's row::get<T> throws unless T is
// the type the backend chose — SQLite reports int for small integers, PostgreSQL long long for
// bigint — so every store reads rows through this one helper instead.
// A text column read into a field by `parse(text, out)`, for Row::into: a JSON column into the
// struct the other columns started (`db::parsed(d.spec, specColumn<DemandSpec>)`), so that such a
// column too stands in the one call, in SELECT order. A `parse` that returns false says the text is
// damaged: the read throws.
template <class T, class F>
struct Parsed {
  T& out;
  F parse;
};
template <class T, class F>
Parsed<T, F> parsed(T& out, F parse) {
  return {out, parse};
}

// An enum stored as its code, for Row::into: `db::coded(a.state, stateByCode)`. A code the
// lookup does not know is a damaged database, not input to guess at: the read throws.
template <class E, class F>
auto coded(E& out, F byCode) {
  return parsed(out, [byCode](const std::string& code, E& e) {
    auto v = byCode(code);
    if (v) e = *v;
    return v.has_value();
  });
}

class Row {
 public:
  explicit Row(const soci::row& row) : row_(row) {}
  int64_t i64(const std::string& column) const;
  std::optional<int64_t> optI64(const std::string& column) const;
  double f64(const std::string& column) const;
  std::string str(const std::string& column) const;
  std::optional<std::string> optStr(const std::string& column) const;
  bool isNull(const std::string& column) const;

  // Reads every column, in SELECT order, into the given fields: the SELECT list written next to
  // the call is the mapping, so a row mapper is one statement rather than a line per field.
  // Throws if the row has another number of columns (a list and a call that drifted apart), or
  // if a field that cannot hold NULL meets one.
  template <class... T>
  void into(T&&... fields) const {
    expectColumns(sizeof...(T));
    std::size_t i = 0;
    (read(i++, std::forward<T>(fields)), ...);
  }

 private:
  void expectColumns(std::size_t n) const;
  void read(std::size_t i, int64_t& out) const;
  void read(std::size_t i, int& out) const;
  void read(std::size_t i, bool& out) const;
  void read(std::size_t i, double& out) const;
  void read(std::size_t i, std::string& out) const;
  void read(std::size_t i, std::optional<int64_t>& out) const;
  void read(std::size_t i, std::optional<std::string>& out) const;
  void read(std::size_t i, std::optional<int>& out) const;
  void read(std::size_t i, Date& out) const;
  void read(std::size_t i, std::optional<Date>& out) const;
  template <class T, class F>
  void read(std::size_t i, Parsed<T, F> p) const {
    std::string text;
    read(i, text);
    if constexpr (std::is_same_v<decltype(p.parse(text, p.out)), bool>) {
      if (!p.parse(text, p.out)) unknownCode(i, text);
    } else {
      p.parse(text, p.out);
    }
  }
  [[noreturn]] void unknownCode(std::size_t i, const std::string& code) const;
  const soci::row& row_;
};

// One page of a list and the size of the whole list, the two queries every list runs: `where(q)`
// writes the one condition into the count (`count`, "SELECT COUNT(*) AS n FROM …") and into the
// page (`select`); `order` (text, or a callable that writes it) orders the page, which is then
// limited to `paging`. A `where` that returns false — the caller may see nothing — gives an
// empty page without asking the database.
template <class Where, class Order, class Map>
auto paged(Database& db, const std::string& count, const std::string& select, Where where, Order order,
           const Paging& paging, Map map) -> Page<decltype(map(std::declval<const soci::row&>()))> {
  Query total(count), items(select);
  if constexpr (std::is_same_v<decltype(where(total)), bool>) {
    if (!where(total)) return {{}, 0, paging};
  } else {
    where(total);
  }
  where(items);
  if constexpr (std::is_convertible_v<Order, std::string_view>) {
    items << order;
  } else {
    order(items);
  }
  items << " LIMIT ";
  items.param(static_cast<long long>(paging.pageSize));
  items << " OFFSET ";
  items.param(static_cast<long long>(paging.offset()));
  auto conn = db.lease();
  Page<decltype(map(std::declval<const soci::row&>()))> out;
  out.paging = paging;
  for (const auto& r : total.rows(*conn)) out.total = Row(r).i64("n");
  for (const auto& r : items.rows(*conn)) out.items.push_back(map(r));
  return out;
}

}  // namespace jinfu::db
