#include "test_database.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include <soci/postgresql/soci-postgresql.h>

namespace jinfu::testing {
namespace {
std::atomic<int> counter{0};

// SOCI 4.0.3 cannot open a PostgreSQL URI without a query string (see Database::open).
std::string adminUri(const char* pg) {
  std::string uri(pg);
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "application_name=jinfu-test";
}
}

TestDatabase::TestDatabase() {
  auto stamp = std::to_string(::getpid()) + "_" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
               std::to_string(counter++);
  if (const char* pg = std::getenv("JINFU_TEST_PG"); pg && *pg) {
    cleanup_ = "t" + stamp;
    soci::session admin(soci::postgresql, adminUri(pg));
    admin << "CREATE SCHEMA " + cleanup_;
    std::string base(pg);
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + cleanup_;
  } else {
    auto dir = std::filesystem::temp_directory_path() / ("jinfu-db-test-" + stamp);
    std::filesystem::create_directories(dir);
    cleanup_ = dir.string();
    url_ = "sqlite:" + (dir / "test.db").string();
  }
  db_ = db::Database::open(db::Location::parse(url_), 4);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (const char* pg = std::getenv("JINFU_TEST_PG"); pg && *pg) {
    try {
      soci::session admin(soci::postgresql, adminUri(pg));
      admin << "SET client_min_messages = warning";
      admin << "DROP SCHEMA IF EXISTS " + cleanup_ + " CASCADE";
    } catch (...) {
    }
  } else {
    std::error_code ec;
    std::filesystem::remove_all(cleanup_, ec);
  }
}

}  // namespace jinfu::testing
