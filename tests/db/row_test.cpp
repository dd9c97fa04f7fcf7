// Reading rows into structs (db::Row::into, db::first, db::all) on the backend under test: every
// column in SELECT order, whatever integer type the backend reports, and a loud failure — never a
// silently wrong field — when the SELECT list and the fields drift apart or a row is damaged.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/db/dialect.hpp"
#include "test_database.hpp"

namespace jinfu::db {
namespace {

using testing::TestDatabase;

enum class Colour { Red, Green };
std::optional<Colour> colourByCode(std::string_view c) {
  if (c == "red") return Colour::Red;
  if (c == "green") return Colour::Green;
  return std::nullopt;
}

struct Thing {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> note;
  std::optional<int64_t> parent;
  int count = 0;
  bool enabled = false;
  Date day;
  std::optional<Date> until;
  Colour colour = Colour::Red;
};

Thing readThing(const soci::row& r) {
  Thing t;
  Row(r).into(t.id, t.name, t.note, t.parent, t.count, t.enabled, t.day, t.until, coded(t.colour, colourByCode));
  return t;
}

class RowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = db->lease();
    *conn << "CREATE TABLE things (id BIGINT PRIMARY KEY, name TEXT NOT NULL, note TEXT, parent BIGINT, "
             "n INTEGER NOT NULL, enabled INTEGER NOT NULL, day TEXT NOT NULL, until TEXT, colour TEXT NOT NULL)";
    *conn << "INSERT INTO things VALUES (1, '焦作市天宝桓祥科技有限公司', NULL, NULL, 3, 1, '2026-11-27', NULL, 'green')";
    *conn << "INSERT INTO things VALUES (5000000000, 'b', '备注', 1, 0, 0, '2026-01-02', '2026-12-31', 'red')";
  }
  static constexpr const char* kColumns = "SELECT id, name, note, parent, n, enabled, day, until, colour FROM things";
  TestDatabase db;
};

TEST_F(RowTest, EveryColumnInSelectOrderWithNullsAsEmptyOptionals) {
  auto all = db::all(*db, Query(std::string(kColumns) + " ORDER BY id"), readThing);
  ASSERT_EQ(all.size(), 2u);
  const Thing& a = all[0];
  EXPECT_EQ(a.id, 1);
  EXPECT_EQ(a.name, "焦作市天宝桓祥科技有限公司");
  EXPECT_FALSE(a.note);
  EXPECT_FALSE(a.parent);
  EXPECT_EQ(a.count, 3);
  EXPECT_TRUE(a.enabled);
  EXPECT_EQ(a.day, *Date::parse("2026-11-27"));
  EXPECT_FALSE(a.until);
  EXPECT_EQ(a.colour, Colour::Green);
  const Thing& b = all[1];
  EXPECT_EQ(b.id, 5000000000LL) << "a bigint beyond 32 bits";
  EXPECT_EQ(b.note, "备注");
  EXPECT_EQ(b.parent, 1);
  EXPECT_FALSE(b.enabled);
  EXPECT_EQ(b.until, Date::parse("2026-12-31"));
  EXPECT_EQ(b.colour, Colour::Red);
}

TEST_F(RowTest, FirstIsTheFirstRowOrNothing) {
  Query one(std::string(kColumns) + " WHERE id = ");
  one.param(5000000000LL);
  auto found = db::first(*db, one, readThing);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "b");
  Query none(std::string(kColumns) + " WHERE id = ");
  none.param(42LL);
  EXPECT_FALSE(db::first(*db, none, readThing));
}

TEST_F(RowTest, ASelectListAndFieldsThatDriftApartThrow) {
  auto tooFew = [](const soci::row& r) {
    int64_t id = 0;
    std::string name;
    Row(r).into(id, name);
    return id;
  };
  EXPECT_THROW(db::first(*db, Query(kColumns), tooFew), std::runtime_error);
}

TEST_F(RowTest, ADamagedRowThrowsInsteadOfGuessing) {
  {
    auto conn = db->lease();
    *conn << "INSERT INTO things VALUES (7, 'c', NULL, NULL, 1, 1, '2026-02-30', NULL, 'green')";
    *conn << "INSERT INTO things VALUES (8, 'd', NULL, NULL, 1, 1, '2026-02-03', NULL, 'purple')";
  }
  for (long long id : {7LL, 8LL}) {
    Query q(std::string(kColumns) + " WHERE id = ");
    q.param(id);
    EXPECT_THROW(db::first(*db, q, readThing), std::runtime_error) << "row " << id;
  }
  // NULL where the field cannot hold one.
  auto notNull = [](const soci::row& r) {
    int64_t parent = 0;
    Row(r).into(parent);
    return parent;
  };
  EXPECT_THROW(db::first(*db, Query("SELECT parent FROM things WHERE id = 1"), notNull), std::runtime_error);
}

TEST_F(RowTest, IdInBindsAnyNumberOfIdsAsOneParameter) {
  // More ids than SQLite allows bound parameters (32 766): a bank holding that many consents.
  std::vector<int64_t> many;
  for (int64_t id = 100000; id < 140000; ++id) many.push_back(id);
  many.push_back(5000000000LL);
  Query q(std::string(kColumns) + " WHERE ");
  idIn(q, db->dialect(), "id", many);
  auto found = db::all(*db, q, readThing);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 5000000000LL);
  Query none(std::string(kColumns) + " WHERE ");
  idIn(none, db->dialect(), "id", {});
  EXPECT_TRUE(db::all(*db, none, readThing).empty()) << "no ids match nothing";
}

}  // namespace
}  // namespace jinfu::db
