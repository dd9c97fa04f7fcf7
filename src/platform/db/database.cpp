#include "platform/db/database.hpp"

#include <chrono>
#include <filesystem>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "platform/errors.hpp"

namespace jinfu::db {
namespace {

constexpr int kLeaseTimeoutMs = 5000;
constexpr int kSqliteBusyTimeoutMs = 5000;

ApiError unreachable(const Location& where, const std::string& why) {
  return ApiError::unavailable({"无法连接数据库 " + where.display() + "：" + why,
                                "Cannot reach the database " + where.display() + ": " + why});
}

}  // namespace

Location Location::parse(std::string_view url) {
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path.erase(0, 2);  // also accept sqlite://PATH
    if (path.empty())
      throw ApiError::badRequest("bad_database_url", {"SQLite 数据库路径为空。", "The SQLite path is empty."});
    return {Dialect::Sqlite, path};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return {Dialect::Postgresql, std::string(url)};
  throw ApiError::badRequest(
      "bad_database_url",
      {"数据库地址应为 sqlite:路径 或 postgresql://…，实际为“" + std::string(url) + "”。",
       "The database must be sqlite:PATH or postgresql://…, got \"" + std::string(url) + "\"."});
}

std::string Location::display() const {
  if (dialect == Dialect::Sqlite) return "sqlite:" + target;
  // Hide a password in postgresql://user:password@host/…
  auto scheme = target.find("://");
  auto at = target.find('@');
  if (scheme != std::string::npos && at != std::string::npos) {
    auto colon = target.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) return target.substr(0, colon) + ":***" + target.substr(at);
  }
  return target;
}

Database::Database(Location location, size_t poolSize)
    : location_(std::move(location)), poolSize_(poolSize), pool_(poolSize), cache_(poolSize) {}

Database::~Database() {
  cache_.clear();  // prepared statements go before the sessions they belong to
}

std::unique_ptr<Database> Database::open(const Location& location, size_t poolSize) {
  if (poolSize == 0) poolSize = 1;
  std::unique_ptr<Database> db(new Database(location, poolSize));
  try {
    if (location.dialect == Dialect::Sqlite) {
      std::filesystem::path file(location.target);
      if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    }
    for (size_t i = 0; i < poolSize; ++i) {
      soci::session& s = db->pool_.at(i);
      if (location.dialect == Dialect::Sqlite) {
        std::string quoted = location.target;
        // SOCI reads `db=` up to the next space unless the value is quoted.
        s.open(soci::sqlite3, "db=\"" + quoted + "\" timeout=" + std::to_string(kSqliteBusyTimeoutMs / 1000));
        s << "PRAGMA busy_timeout = " + std::to_string(kSqliteBusyTimeoutMs);
        s << "PRAGMA journal_mode = WAL";
        s << "PRAGMA synchronous = NORMAL";
        s << "PRAGMA foreign_keys = ON";
      } else {
        // SOCI 4.0.3 mangles a URI that has no query string ("database postgres= does not
        // exist"); naming the application gives it one and shows jinfu in pg_stat_activity.
        std::string uri = location.target;
        if (uri.find("application_name=") == std::string::npos)
          uri += (uri.find('?') == std::string::npos ? "?" : "&") + std::string("application_name=jinfu");
        s.open(soci::postgresql, uri);
        s << "SET TIME ZONE 'Asia/Shanghai'";
        s << "SET client_min_messages = warning";
      }
    }
  } catch (const ApiError&) {
    throw;
  } catch (const std::exception& e) {
    throw unreachable(location, e.what());
  }
  return db;
}

Database::Lease::~Lease() {
  if (db_) {
    db_->pool_.give_back(pos_);
    db_->inUse_.fetch_sub(1, std::memory_order_relaxed);
  }
}

soci::session& Database::Lease::operator*() const { return db_->pool_.at(pos_); }

Database::Lease Database::lease() {
  auto start = std::chrono::steady_clock::now();
  size_t pos = 0;
  bool got = pool_.try_lease(pos, kLeaseTimeoutMs);
  auto waited = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  waitMicros_.fetch_add(static_cast<uint64_t>(waited.count()), std::memory_order_relaxed);
  if (!got) {
    timeouts_.fetch_add(1, std::memory_order_relaxed);
    throw ApiError::unavailable({"数据库连接繁忙，请稍后重试。", "All database connections are busy; retry shortly."});
  }
  leases_.fetch_add(1, std::memory_order_relaxed);
  inUse_.fetch_add(1, std::memory_order_relaxed);
  return Lease(*this, pos);
}

void Database::begin(soci::session& s) {
  if (location_.dialect == Dialect::Sqlite) s << "BEGIN IMMEDIATE";
  else s << "BEGIN";
}

void Database::commit(soci::session& s) { s << "COMMIT"; }

void Database::rollback(soci::session& s) noexcept {
  try {
    s << "ROLLBACK";
  } catch (...) {
    // The connection is broken or no transaction is open; nothing was committed either way.
  }
}

bool Database::ping() {
  try {
    Lease conn = lease();
    int one = 0;
    *conn << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (...) {
    return false;
  }
}

PoolStats Database::stats() const {
  PoolStats s;
  s.size = poolSize_;
  s.inUse = inUse_.load(std::memory_order_relaxed);
  s.leases = leases_.load(std::memory_order_relaxed);
  s.timeouts = timeouts_.load(std::memory_order_relaxed);
  s.waitSeconds = static_cast<double>(waitMicros_.load(std::memory_order_relaxed)) / 1e6;
  return s;
}

Query& Query::param(long long value) {
  text_ += ":p" + std::to_string(values_.size());
  values_.emplace_back(value);
  return *this;
}

Query& Query::param(std::string value) {
  text_ += ":p" + std::to_string(values_.size());
  values_.emplace_back(std::move(value));
  return *this;
}

soci::details::prepare_temp_type Query::prepare(soci::session& s) const {
  auto prepared = (s.prepare << text_);
  for (size_t i = 0; i < values_.size(); ++i)
    std::visit([&](const auto& v) { prepared, soci::use(v, "p" + std::to_string(i)); }, values_[i]);
  return prepared;
}

soci::rowset<soci::row> Query::rows(soci::session& s) const { return soci::rowset<soci::row>(prepare(s)); }

void Query::execute(soci::session& s) const {
  soci::statement statement(prepare(s));
  statement.execute(true);
}

std::string containsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

namespace {

// A column by name or by position, whatever type the backend reported.
template <class Key>
std::string describe(const Key& key) {
  if constexpr (std::is_same_v<Key, std::string>) return key;
  else return "#" + std::to_string(key);
}

template <class Key>
std::optional<int64_t> numberAt(const soci::row& row, const Key& key) {
  if (row.get_indicator(key) == soci::i_null) return std::nullopt;
  switch (row.get_properties(key).get_data_type()) {
    case soci::dt_integer: return row.template get<int>(key);
    case soci::dt_long_long: return row.template get<long long>(key);
    case soci::dt_unsigned_long_long: return static_cast<int64_t>(row.template get<unsigned long long>(key));
    case soci::dt_double: return static_cast<int64_t>(row.template get<double>(key));
    case soci::dt_string: return std::stoll(row.template get<std::string>(key));
    default: throw std::runtime_error("column " + describe(key) + " is not a number");
  }
}

template <class Key>
std::optional<std::string> textAt(const soci::row& row, const Key& key) {
  if (row.get_indicator(key) == soci::i_null) return std::nullopt;
  switch (row.get_properties(key).get_data_type()) {
    case soci::dt_string: return row.template get<std::string>(key);
    case soci::dt_integer: return std::to_string(row.template get<int>(key));
    case soci::dt_long_long: return std::to_string(row.template get<long long>(key));
    case soci::dt_unsigned_long_long: return std::to_string(row.template get<unsigned long long>(key));
    case soci::dt_double: return std::to_string(row.template get<double>(key));
    default: throw std::runtime_error("column " + describe(key) + " is not text");
  }
}

template <class Key>
double realAt(const soci::row& row, const Key& key) {
  if (row.get_indicator(key) == soci::i_null) throw std::runtime_error("column " + describe(key) + " is NULL");
  switch (row.get_properties(key).get_data_type()) {
    case soci::dt_double: return row.template get<double>(key);
    case soci::dt_string: return std::stod(row.template get<std::string>(key));
    default: return static_cast<double>(*numberAt(row, key));
  }
}

template <class T, class Key>
T required(std::optional<T> v, const Key& key) {
  if (!v) throw std::runtime_error("column " + describe(key) + " is NULL");
  return std::move(*v);
}

}  // namespace

int64_t Row::i64(const std::string& column) const { return required(numberAt(row_, column), column); }
std::optional<int64_t> Row::optI64(const std::string& column) const { return numberAt(row_, column); }
double Row::f64(const std::string& column) const { return realAt(row_, column); }
std::string Row::str(const std::string& column) const { return required(textAt(row_, column), column); }
std::optional<std::string> Row::optStr(const std::string& column) const { return textAt(row_, column); }

void Row::expectColumns(std::size_t n) const {
  if (row_.size() != n)
    throw std::runtime_error("a row of " + std::to_string(row_.size()) + " columns read into " + std::to_string(n) +
                             " fields");
}
void Row::read(std::size_t i, int64_t& out) const { out = required(numberAt(row_, i), i); }
void Row::read(std::size_t i, int& out) const { out = static_cast<int>(required(numberAt(row_, i), i)); }
void Row::read(std::size_t i, bool& out) const { out = required(numberAt(row_, i), i) != 0; }
void Row::read(std::size_t i, double& out) const { out = realAt(row_, i); }
void Row::read(std::size_t i, std::string& out) const { out = required(textAt(row_, i), i); }
void Row::read(std::size_t i, std::optional<int64_t>& out) const { out = numberAt(row_, i); }
void Row::read(std::size_t i, std::optional<std::string>& out) const { out = textAt(row_, i); }
void Row::read(std::size_t i, std::optional<int>& out) const {
  auto v = numberAt(row_, i);
  out = v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}
// A stored date is always written by Date::toString; anything else is a damaged row.
void Row::read(std::size_t i, Date& out) const {
  auto text = required(textAt(row_, i), i);
  auto d = Date::parse(text);
  if (!d) unknownCode(i, text);
  out = *d;
}
void Row::read(std::size_t i, std::optional<Date>& out) const {
  out.reset();
  if (row_.get_indicator(i) == soci::i_null) return;
  Date d;
  read(i, d);
  out = d;
}
void Row::unknownCode(std::size_t i, const std::string& code) const {
  throw std::runtime_error("column " + row_.get_properties(i).get_name() + " holds an unexpected value: " + code);
}

bool Row::isNull(const std::string& column) const { return row_.get_indicator(column) == soci::i_null; }

}  // namespace jinfu::db
