#include <gtest/gtest.h>

#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "test_database.hpp"

namespace jinfu::db {
namespace {

using testing::TestDatabase;

TEST(Migrations, ApplyOnceAndRecordEachVersion) {
  TestDatabase db;
  EXPECT_EQ(schemaVersion(*db), 0);
  auto first = migrate(*db);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.front(), 1);
  EXPECT_EQ(schemaVersion(*db), latestBundledVersion());
  EXPECT_TRUE(migrate(*db).empty()) << "a second run must apply nothing";
  auto conn = db->lease();
  int recorded = 0;
  *conn << "SELECT COUNT(*) FROM schema_migrations", soci::into(recorded);
  EXPECT_EQ(recorded, static_cast<int>(first.size()));
}

TEST(Migrations, RefuseADatabaseNewerThanTheBinary) {
  TestDatabase db;
  migrate(*db);
  {
    auto conn = db->lease();
    *conn << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')";
  }
  try {
    migrate(*db);
    FAIL() << "migrate accepted a schema from the future";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "schema_too_new");
    EXPECT_NE(e.detail().zh.find("9999"), std::string::npos);
  }
  EXPECT_THROW(ensureNotNewer(*db), ApiError);
}

TEST(Transaction, RollsBackEverythingWhenTheWorkThrows) {
  TestDatabase db;
  migrate(*db);
  EXPECT_THROW(db->transaction([](soci::session& s) {
    s << "INSERT INTO organisations (kind, name, region_code, created_at) VALUES ('bank', '甲银行', '410800', 't')";
    s << "INSERT INTO organisations (kind, name, region_code, created_at) VALUES ('bank', '乙银行', '410800', 't')";
    throw std::runtime_error("crash in the middle of a batch");
  }), std::runtime_error);
  auto conn = db->lease();
  int count = -1;
  *conn << "SELECT COUNT(*) FROM organisations", soci::into(count);
  EXPECT_EQ(count, 0);
}

TEST(Transaction, CommitsAndReturnsTheResult) {
  TestDatabase db;
  migrate(*db);
  int n = db->transaction([](soci::session& s) {
    s << "INSERT INTO organisations (kind, name, region_code, created_at) VALUES ('park', '园区', '410871', 't')";
    return 1;
  });
  EXPECT_EQ(n, 1);
  auto conn = db->lease();
  int count = 0;
  *conn << "SELECT COUNT(*) FROM organisations", soci::into(count);
  EXPECT_EQ(count, 1);
}

TEST(Constraints, ForeignKeysAndChecksAreEnforced) {
  TestDatabase db;
  migrate(*db);
  auto conn = db->lease();
  EXPECT_ANY_THROW(*conn << "INSERT INTO organisations (kind, name, region_code, parent_id, created_at) "
                            "VALUES ('bank', '孤儿', '410800', 424242, 't')");
  EXPECT_ANY_THROW(*conn << "INSERT INTO organisations (kind, name, region_code, created_at) "
                            "VALUES ('alien', '外星', '410800', 't')");
}

TEST(Row, ReadsIntegersTextAndNullWhateverTheBackendReports) {
  TestDatabase db;
  auto conn = db->lease();
  soci::rowset<soci::row> rows = (conn->prepare << "SELECT 7 AS small, 9000000000 AS big, 'x' AS txt, NULL AS absent, "
                                                   "COUNT(*) AS cnt FROM (SELECT 1 AS one) AS t");
  int seen = 0;
  for (const auto& r : rows) {
    Row row(r);
    EXPECT_EQ(row.i64("small"), 7);
    EXPECT_EQ(row.i64("big"), 9000000000LL);
    EXPECT_EQ(row.str("txt"), "x");
    EXPECT_EQ(row.optI64("absent"), std::nullopt);
    EXPECT_TRUE(row.isNull("absent"));
    EXPECT_EQ(row.i64("cnt"), 1);
    ++seen;
  }
  EXPECT_EQ(seen, 1);
}

TEST(Pool, ReportsLeasesAndUse) {
  TestDatabase db;
  {
    auto a = db->lease();
    auto b = db->lease();
    EXPECT_EQ(db->stats().inUse, 2u);
  }
  EXPECT_EQ(db->stats().inUse, 0u);
  EXPECT_GE(db->stats().leases, 2u);
  EXPECT_TRUE(db->ping());
}

}  // namespace
}  // namespace jinfu::db
