#include <gtest/gtest.h>

#include "platform/db/migrations.hpp"

namespace jinfu::db {
namespace {

TEST(SplitStatements, SemicolonsInsideQuotesAndCommentsDoNotSplit) {
  auto parts = splitStatements("CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; still one\nINSERT INTO a VALUES ('b;c');");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1], "INSERT INTO a VALUES ('b;c')");
}

TEST(SplitStatements, SqliteTriggerBodyStaysWholeEvenWithCaseAndEndDate) {
  auto parts = splitStatements(
      "CREATE TRIGGER t BEFORE UPDATE ON a BEGIN SELECT CASE WHEN 1 THEN RAISE(ABORT, 'x') END; "
      "UPDATE b SET end_date = 1; END;\nCREATE INDEX i ON a (x);");
  ASSERT_EQ(parts.size(), 2u) << parts[0];
  EXPECT_TRUE(parts[0].ends_with("END")) << parts[0];
  EXPECT_EQ(parts[1], "CREATE INDEX i ON a (x)");
}

TEST(SplitStatements, DollarQuotedFunctionBodyAndPostgresTrigger) {
  auto parts = splitStatements(
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; RETURN NULL; END $$;\n"
      "CREATE TRIGGER t BEFORE DELETE ON a FOR EACH STATEMENT EXECUTE FUNCTION f();\nSELECT 1;");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_TRUE(parts[0].ends_with("END $$"));
  EXPECT_TRUE(parts[1].starts_with("CREATE TRIGGER"));
  EXPECT_EQ(parts[2], "SELECT 1");
}

}  // namespace
}  // namespace jinfu::db
