#pragma once
#include <memory>
#include <string>

#include "platform/db/database.hpp"

namespace jinfu::testing {

// A fresh, empty database for one test: a new SQLite file, or a new schema on the PostgreSQL
// server in JINFU_TEST_PG. Dropped again when the object goes away.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  db::Database& operator*() { return *db_; }
  db::Database* operator->() { return db_.get(); }
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string cleanup_;  // a directory to remove, or a schema to drop
  std::unique_ptr<db::Database> db_;
};

}  // namespace jinfu::testing
