#include <gtest/gtest.h>

#include "platform/csv.hpp"

namespace jinfu {
namespace {

TEST(Csv, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  CsvReader r("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n");
  auto first = r.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  auto second = r.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, (std::vector<std::string>{"multi\nline", "x", ""}));
  EXPECT_FALSE(r.next());
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  auto t = CsvTable::parse("\xEF\xBB\xBF名称,代码\n甲,1\n");
  EXPECT_EQ(t.header()[0], "名称");
  EXPECT_EQ(t.at(0, "代码"), "1");
}

TEST(Csv, ErrorsNameTheLine) {
  try {
    CsvTable::parse("a,b\n1,2\n3\n");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("第 3 行"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CsvTable::parse("a\n\"open"), std::invalid_argument);
  EXPECT_THROW(CsvTable::parse(""), std::invalid_argument);
  EXPECT_THROW(CsvTable::parse("a,b\n\"x\"y,1\n"), std::invalid_argument);
}

TEST(Csv, LineNumbersCountEmbeddedLineBreaks) {
  auto t = CsvTable::parse("a,b\n\"1\n2\",x\n3,y\n");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.lineOf(0), 2u);
  EXPECT_EQ(t.lineOf(1), 4u);
}

}  // namespace
}  // namespace jinfu
