// The pure OOXML cell rules split out of the XLSX reader: serial dates (both epochs, Lotus's leap
// day), the number formats that show a date, part paths, _xHHHH_ escapes and cell references.
#include <gtest/gtest.h>

#include "collect/xlsx_cells.hpp"

using namespace jinfu::collect::detail;

TEST(XlsxCells, SerialDatesInBothEpochs) {
  EXPECT_EQ(serialToDate("1", false), "1900-01-01");
  EXPECT_EQ(serialToDate("59", false), "1900-02-28");
  EXPECT_EQ(serialToDate("60", false), "1900-02-29");  // Lotus 1-2-3's leap day, kept by Excel
  EXPECT_EQ(serialToDate("61", false), "1900-03-01");
  EXPECT_EQ(serialToDate(" 46022.75 ", false), "2025-12-31");
  EXPECT_EQ(serialToDate("0", true), "1904-01-01");
  EXPECT_EQ(serialToDate("0", false), std::nullopt);  // time only
  EXPECT_EQ(serialToDate("2958466", false), std::nullopt);  // after 9999-12-31
  EXPECT_EQ(serialToDate("abc", false), std::nullopt);
}

TEST(XlsxCells, DateFormats) {
  EXPECT_TRUE(builtinDateFormat(14));
  EXPECT_FALSE(builtinDateFormat(2));
  EXPECT_TRUE(customDateFormat("yyyy-mm-dd"));
  EXPECT_TRUE(customDateFormat("m/d"));
  EXPECT_FALSE(customDateFormat("h:mm"));  // minutes, not months
  EXPECT_FALSE(customDateFormat("\"day\" 0"));  // quoted text
  EXPECT_FALSE(customDateFormat("[h]:mm"));
}

TEST(XlsxCells, PartsEscapesAndReferences) {
  EXPECT_EQ(resolvePart("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(resolvePart("xl/", "/xl/./a/../styles.xml"), "xl/styles.xml");
  EXPECT_EQ(unescapeOoxml("a_x000D_b_x005F_c"), "a\rb_c");
  EXPECT_EQ(unescapeOoxml("_xD800_"), "_xD800_");  // a lone surrogate stays as written
  EXPECT_EQ(parseInt(" 42 "), 42);
  EXPECT_EQ(parseInt("4x"), std::nullopt);
  EXPECT_EQ(columnOf("C5"), 2u);
  EXPECT_EQ(columnOf("aa1"), 26u);
  EXPECT_EQ(columnOf("5"), std::nullopt);
  EXPECT_EQ(columnOf("ABCD1"), std::nullopt);
}
