// The readers of the collection pipeline: CSV (UTF-8, UTF-8 BOM, GB18030, TSV), XLSX and JSON
// Lines, their row problems and their file-level errors. XLSX fixtures are written in the test
// with libxlsxwriter (or assembled part by part with libzip for what it cannot write).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "collect/source.hpp"

namespace jinfu::collect {
namespace {

namespace fs = std::filesystem;
using Cells = std::vector<std::string>;

struct Table {
  Cells header;
  std::vector<SourceRow> rows;
  std::string encoding;
};

SourceOptions options(Format format, Encoding encoding = Encoding::Auto) {
  SourceOptions o;
  o.format = format;
  o.encoding = encoding;
  return o;
}

Table drain(TableSource& source) {
  Table t{source.header(), {}, source.encodingName()};
  SourceRow row;
  while (source.next(row)) t.rows.push_back(row);
  return t;
}
Table readBuffer(std::string_view bytes, const SourceOptions& o) { return drain(*openBuffer(bytes, o)); }
Table readCsv(std::string_view bytes, Encoding e = Encoding::Auto) {
  return readBuffer(bytes, options(Format::Csv, e));
}
Table readFileAt(const fs::path& p, const SourceOptions& o) { return drain(*openFile(p, o)); }

// The Chinese message of the SourceError `f` throws ("" and a test failure when it does not).
std::string sourceError(const std::function<void()>& f) {
  try {
    f();
  } catch (const SourceError& e) {
    EXPECT_EQ(e.what(), e.text().zh);
    EXPECT_FALSE(e.text().en.empty());
    return e.text().zh;
  }
  ADD_FAILURE() << "no SourceError";
  return "";
}

std::string gb18030(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 8, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("jinfu-source-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void writeFile(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// The process's peak resident set since the last resetPeakRss() (VmHWM), so that a peak reached
// by an earlier test cannot hide this one's.
long peakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

bool resetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // Linux ≥ 4.0: reset VmHWM to the current RSS
  clear.flush();
  return static_cast<bool>(clear);
}

// ---- names ----

TEST(SourceNames, FormatsAndEncodings) {
  EXPECT_EQ(formatFromName("税务.CSV"), Format::Csv);
  EXPECT_EQ(formatFromName("dir/a.b/x.txt"), Format::Csv);
  EXPECT_EQ(formatFromName("C:\\上报\\社保.Xlsx"), Format::Xlsx);
  EXPECT_EQ(formatFromName("a.jsonl"), Format::JsonLines);
  EXPECT_EQ(formatFromName("a.NDJSON"), Format::JsonLines);
  EXPECT_EQ(formatFromName("a.xls"), std::nullopt);
  EXPECT_EQ(formatFromName("csv"), std::nullopt);
  EXPECT_EQ(parseFormat("csv"), Format::Csv);
  EXPECT_EQ(parseFormat("XLSX"), Format::Xlsx);
  EXPECT_EQ(parseFormat("jsonl"), Format::JsonLines);
  EXPECT_EQ(parseFormat("json"), std::nullopt);
  EXPECT_EQ(parseEncoding("auto"), Encoding::Auto);
  EXPECT_EQ(parseEncoding("UTF-8"), Encoding::Utf8);
  EXPECT_EQ(parseEncoding("utf8"), Encoding::Utf8);
  for (auto name : {"gb18030", "GBK", "gb2312"}) EXPECT_EQ(parseEncoding(name), Encoding::Gb18030) << name;
  EXPECT_EQ(parseEncoding("latin1"), std::nullopt);
  EXPECT_EQ(formatName(Format::Csv), "csv");
  EXPECT_EQ(formatName(Format::Xlsx), "xlsx");
  EXPECT_EQ(formatName(Format::JsonLines), "jsonl");
}

// ---- CSV ----

TEST(SourceCsv, Utf8HeaderTrimmedRowsNumbered) {
  auto t = readCsv(" 名称 ,\xE3\x80\x80代码\xC2\xA0\n甲公司,914108\n\n  , \t\n乙公司,\n");
  EXPECT_EQ(t.encoding, "UTF-8");
  EXPECT_EQ(t.header, (Cells{"名称", "代码"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].number, 2);
  EXPECT_EQ(t.rows[0].cells, (Cells{"甲公司", "914108"}));
  EXPECT_FALSE(t.rows[0].problem);
  EXPECT_EQ(t.rows[1].number, 5);  // the blank and the white-space rows count
  EXPECT_EQ(t.rows[1].cells, (Cells{"乙公司", ""}));
}

TEST(SourceCsv, Utf8Bom) {
  auto t = readCsv("\xEF\xBB\xBF名称,代码\r\n甲,1\r\n");
  EXPECT_EQ(t.encoding, "UTF-8 BOM");
  EXPECT_EQ(t.header, (Cells{"名称", "代码"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"甲", "1"}));
  // A declared encoding does not override the BOM.
  EXPECT_EQ(readCsv("\xEF\xBB\xBF名称\n甲\n", Encoding::Gb18030).header, (Cells{"名称"}));
}

TEST(SourceCsv, Gb18030AutoDetectedAndDeclared) {
  std::string bytes = gb18030("名称,代码\n焦作企业,1\n\"甲公司,分部\",2\n");
  ASSERT_EQ(bytes.substr(0, 4), "\xC3\xFB\xB3\xC6");
  for (auto e : {Encoding::Auto, Encoding::Gb18030}) {
    auto t = readCsv(bytes, e);
    EXPECT_EQ(t.encoding, "GB18030");
    EXPECT_EQ(t.header, (Cells{"名称", "代码"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].cells, (Cells{"焦作企业", "1"}));
    EXPECT_EQ(t.rows[1].cells, (Cells{"甲公司,分部", "2"}));
    EXPECT_FALSE(t.rows[0].problem || t.rows[1].problem);
  }
  // Literal bytes too: "企业" is C6 F3 D2 B5; a four-byte GB18030 sequence (U+20000 𠀀).
  auto t = readCsv("a\n\xC6\xF3\xD2\xB5\n\x95\x32\x82\x36\n", Encoding::Gb18030);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[0], "企业");
  EXPECT_EQ(t.rows[1].cells[0], "\xF0\xA0\x80\x80");
}

TEST(SourceCsv, GbBytesReadAsDeclaredUtf8AreQuarantined) {
  auto t = readCsv("名称,代码\n" + gb18030("企业") + ",1\n", Encoding::Utf8);
  EXPECT_EQ(t.encoding, "UTF-8");
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_TRUE(t.rows[0].problem);
  EXPECT_EQ(t.rows[0].problem->zh,
            "第 2 行不是有效的 UTF-8 编码（文件按 UTF-8 读取；若为 GB18030 请在上传时声明编码）");
  EXPECT_TRUE(contains(t.rows[0].cells[0], "\xEF\xBF\xBD"));  // what could be read, still UTF-8
  EXPECT_EQ(t.rows[0].cells[1], "1");
}

TEST(SourceCsv, MixedEncodingQuarantinesExactlyTheForeignRows) {
  // Mostly UTF-8 (detected as such): the two GB18030 rows are the foreign ones.
  std::string utf8Mostly = "名称,代码\n";
  for (int i = 0; i < 20; ++i) {
    if (i == 5 || i == 12) utf8Mostly += gb18030("焦作企业" + std::to_string(i)) + "," + std::to_string(i) + "\n";
    else utf8Mostly += "焦作企业" + std::to_string(i) + "," + std::to_string(i) + "\n";
  }
  auto t = readCsv(utf8Mostly);
  EXPECT_EQ(t.encoding, "UTF-8");
  ASSERT_EQ(t.rows.size(), 20u);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(t.rows[i].number, static_cast<int64_t>(i) + 2);
    EXPECT_EQ(bool(t.rows[i].problem), i == 5 || i == 12) << i;
    if (!t.rows[i].problem) {
      EXPECT_EQ(t.rows[i].cells[0], "焦作企业" + std::to_string(i));
    }
  }
  EXPECT_TRUE(contains(t.rows[5].problem->zh, "第 7 行不是有效的 UTF-8 编码"));

  // Mostly GB18030 (detected as such): the UTF-8 row is quarantined rather than turned into
  // mojibake.
  std::string gbMostly = gb18030("名称,代码\n");
  for (int i = 0; i < 10; ++i) {
    std::string line = "焦作企业" + std::to_string(i) + "," + std::to_string(i) + "\n";
    gbMostly += i == 3 ? line : gb18030(line);
  }
  for (auto e : {Encoding::Auto, Encoding::Gb18030}) {
    auto g = readCsv(gbMostly, e);
    EXPECT_EQ(g.encoding, "GB18030");
    ASSERT_EQ(g.rows.size(), 10u);
    for (std::size_t i = 0; i < 10; ++i) {
      EXPECT_EQ(bool(g.rows[i].problem), i == 3) << i;
      if (!g.rows[i].problem) {
        EXPECT_EQ(g.rows[i].cells[0], "焦作企业" + std::to_string(i));
      }
    }
    EXPECT_TRUE(contains(g.rows[3].problem->zh, "第 5 行是 UTF-8 编码，而文件按 GB18030 读取"));
  }
  // Bytes that are no GB18030 at all (0xFF) in a GB18030 file.
  auto bad = readCsv(gb18030("名称\n企业\n") + "\xFF\xFF\n", Encoding::Gb18030);
  ASSERT_EQ(bad.rows.size(), 2u);
  EXPECT_FALSE(bad.rows[0].problem);
  ASSERT_TRUE(bad.rows[1].problem);
  EXPECT_TRUE(contains(bad.rows[1].problem->zh, "第 3 行不是有效的 GB18030 编码"));
}

TEST(SourceCsv, DetectionIsNotFooledByASequenceCutAt64KiB) {
  std::string bytes = "名称,备注\nx,";
  bytes += std::string(65535 - bytes.size(), 'a');
  bytes += "企\n";  // its 3 bytes straddle the 64 KiB boundary
  ASSERT_EQ(bytes.substr(65535, 3), "企");
  auto t = readCsv(bytes);
  EXPECT_EQ(t.encoding, "UTF-8");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_FALSE(t.rows[0].problem);
  EXPECT_TRUE(t.rows[0].cells[1].ends_with("a企"));
}

TEST(SourceCsv, QuotedFieldsWithNewlinesQuotesAndCrlf) {
  auto t = readCsv("名称,地址,备注\r\n\"甲,公司\",\"焦作市\r\n高新区\",\"说 \"\"好\"\"\"\r\n乙,\"\",x\r\n\"丙\"  ,b,c");
  EXPECT_EQ(t.header, (Cells{"名称", "地址", "备注"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].number, 2);
  EXPECT_EQ(t.rows[0].cells, (Cells{"甲,公司", "焦作市\r\n高新区", "说 \"好\""}));
  EXPECT_EQ(t.rows[1].number, 3);  // spreadsheet rows: the record with a line break is one row
  EXPECT_EQ(t.rows[1].cells, (Cells{"乙", "", "x"}));
  EXPECT_EQ(t.rows[2].cells, (Cells{"丙", "b", "c"}));  // no final line break; spaces after a quote
  for (const auto& r : t.rows) EXPECT_FALSE(r.problem);
}

TEST(SourceCsv, MalformedQuotesAreRowProblems) {
  auto t = readCsv("a,b\n\"x\"y,1\nok,2\n3,\"never closed\n4,5\n");
  ASSERT_EQ(t.rows.size(), 3u);
  ASSERT_TRUE(t.rows[0].problem);
  EXPECT_TRUE(contains(t.rows[0].problem->zh, "第 2 行第 1 列（a）的右引号后还有字符"));
  EXPECT_EQ(t.rows[0].cells[0], "xy");
  EXPECT_FALSE(t.rows[1].problem);
  ASSERT_TRUE(t.rows[2].problem);
  EXPECT_EQ(t.rows[2].number, 4);
  EXPECT_TRUE(contains(t.rows[2].problem->zh, "第 4 行的引号没有闭合"));
  EXPECT_EQ(t.rows[2].cells, (Cells{"3", "never closed\n4,5\n"}));
}

TEST(SourceCsv, TabSeparated) {
  auto t = readCsv("名称\t代码\t金额\n甲,乙\t9141\t1,000\n");
  EXPECT_EQ(t.header, (Cells{"名称", "代码", "金额"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"甲,乙", "9141", "1,000"}));
  // A header with both is comma-separated.
  EXPECT_EQ(readCsv("a\tb,c\n").header, (Cells{"a\tb", "c"}));
}

TEST(SourceCsv, ShortAndLongRows) {
  auto t = readCsv("a,b,c\n1\n1,2,3,,\n1,2,3,4\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "", ""}));
  EXPECT_FALSE(t.rows[0].problem);
  EXPECT_EQ(t.rows[1].cells, (Cells{"1", "2", "3"}));  // extra empty cells are harmless
  EXPECT_FALSE(t.rows[1].problem);
  EXPECT_EQ(t.rows[2].cells, (Cells{"1", "2", "3"}));  // never longer than the header
  ASSERT_TRUE(t.rows[2].problem);
  EXPECT_EQ(t.rows[2].problem->zh, "第 4 行有 4 个单元格，多于表头的 3 列");
}

TEST(SourceCsv, EmptyFileAndHeaderOnly) {
  EXPECT_EQ(sourceError([] { readCsv(""); }), "文件为空");
  EXPECT_EQ(sourceError([] { readCsv("\xEF\xBB\xBF"); }), "文件为空");
  EXPECT_TRUE(contains(sourceError([] { readCsv("\n , \n,,\n"); }), "文件没有表头行"));
  auto t = readCsv("名称,代码\n");
  EXPECT_EQ(t.header, (Cells{"名称", "代码"}));
  EXPECT_TRUE(t.rows.empty());
  auto trailing = readCsv("名称,代码,,\n\n");  // trailing empty header cells are dropped
  EXPECT_EQ(trailing.header, (Cells{"名称", "代码"}));
}

TEST(SourceCsv, HeaderRefusals) {
  std::string wide;
  for (int i = 0; i < 5000; ++i) wide += (i ? ",列" : "列") + std::to_string(i);
  wide += "\n";
  EXPECT_EQ(sourceError([&] { readCsv(wide); }), "表头有 5000 列，超过上限 512 列");
  EXPECT_EQ(sourceError([] { readCsv("名称,代码, 名称 ,代码\n"); }), "表头列名重复：名称、代码");
  EXPECT_TRUE(contains(sourceError([] { readCsv("\xFF\xFE,a\n", Encoding::Utf8); }), "表头不是有效的 UTF-8 编码"));
}

TEST(SourceCsv, HugeFieldIsARowProblemAndReadingGoesOn) {
  TempDir dir;
  fs::path p = dir / "big.csv";
  {
    std::ofstream out(p, std::ios::binary);
    out << "名称,备注,代码\n甲,小,1\n乙,\"";
    std::string chunk(64 * 1024, 'x');
    for (int i = 0; i < 160; ++i) out << chunk;  // 10 MiB
    out << "\",2\n丙,,3\n";
  }
  ASSERT_TRUE(resetPeakRss()) << "cannot reset the peak RSS through /proc/self/clear_refs";
  long before = peakRssKiB();
  ASSERT_GT(before, 0);
  auto source = openFile(p, options(Format::Csv));
  SourceRow row;
  std::vector<SourceRow> rows;
  while (source->next(row)) rows.push_back(row);
  long grown = peakRssKiB() - before;
  EXPECT_LT(grown, 8 * 1024) << "reading a 10 MiB cell should not buffer it";
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[0].problem);
  ASSERT_TRUE(rows[1].problem);
  EXPECT_EQ(rows[1].problem->zh, "第 3 行第 2 列（备注）的内容超过 65536 字节的上限");
  EXPECT_EQ(rows[1].cells[1], std::string(200, 'x') + "…");
  EXPECT_EQ(rows[1].cells[2], "2");
  EXPECT_EQ(rows[2].number, 4);
  EXPECT_EQ(rows[2].cells, (Cells{"丙", "", "3"}));
  EXPECT_FALSE(rows[2].problem);
}

TEST(SourceCsv, OversizedCellIsCutAtACharacterBoundary) {
  SourceOptions o = options(Format::Csv);
  o.limits.maxFieldBytes = 300;
  std::string big;
  for (int i = 0; i < 200; ++i) big += "企";
  auto t = readBuffer("a\n" + big + "\n", o);
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_TRUE(t.rows[0].problem);
  EXPECT_EQ(t.rows[0].cells[0], std::string(big.substr(0, 198)) + "…");  // 66 characters
}

TEST(SourceCsv, RowLimit) {
  SourceOptions o = options(Format::Csv);
  o.limits.maxRowBytes = 10;
  auto t = readBuffer("a,b\n12345,67890123\n1,2\n", o);
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_TRUE(t.rows[0].problem);
  EXPECT_EQ(t.rows[0].problem->zh, "第 2 行超过 10 字节的上限");
  EXPECT_FALSE(t.rows[1].problem);
}

TEST(SourceCsv, WrongFormatsAreNamed) {
  EXPECT_TRUE(contains(sourceError([] { readCsv("PK\x03\x04 rest of a zip"); }), "文件是 XLSX"));
  EXPECT_TRUE(contains(sourceError([] { readCsv(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)); }),
                       "旧版 Excel"));
  EXPECT_TRUE(contains(sourceError([] { openFile("/nonexistent/jinfu.csv", options(Format::Csv)); }),
                       "无法打开文件"));
}

// ---- XLSX ----

// A workbook written by libxlsxwriter: shared strings (or inline strings in constant-memory
// mode), a rich string, gaps, dates, numbers, booleans, a formula with a string result.
std::string writeWorkbook(const fs::path& p, bool constantMemory) {
  lxw_workbook_options wo{};
  wo.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(p.c_str(), &wo);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "企业名录");
  lxw_format* isoDate = workbook_add_format(wb);
  format_set_num_format(isoDate, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* builtinDate = workbook_add_format(wb);
  format_set_num_format_index(builtinDate, 14);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  const char* header[] = {" 名称 ", "代码", "金额", "成立日期", "备注", "是否", "公式"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "焦作甲公司", nullptr);
  worksheet_write_string(ws, 1, 1, "91410800MA44XXXX1X", nullptr);
  worksheet_write_number(ws, 1, 2, 1234.5, money);
  lxw_datetime d1 = {2024, 1, 5, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 3, &d1, isoDate);
  if (!constantMemory) {
    char first[] = "重点", second[] = "企业";
    lxw_rich_string_tuple part1 = {bold, first}, part2 = {nullptr, second};
    lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
    worksheet_write_rich_string(ws, 1, 4, rich, nullptr);
  } else {
    worksheet_write_string(ws, 1, 4, "重点企业", nullptr);
  }
  worksheet_write_boolean(ws, 1, 5, 1, nullptr);
  worksheet_write_formula_str(ws, 1, 6, "=\"A\"&\"B\"", nullptr, "AB");
  // Row 3: gaps (only A and E).
  worksheet_write_string(ws, 2, 0, "乙公司", nullptr);
  worksheet_write_string(ws, 2, 4, "只有备注", nullptr);
  // Row 4 left out, row 5 white space only: both skipped.
  worksheet_write_string(ws, 4, 1, "  ", nullptr);
  // Row 6: a built-in date format, a big integer in scientific notation, a cell beyond the header.
  worksheet_write_string(ws, 5, 0, "丙公司", nullptr);
  worksheet_write_number(ws, 5, 2, 2e17, nullptr);
  lxw_datetime d2 = {1999, 12, 31, 12, 30, 0};
  worksheet_write_datetime(ws, 5, 3, &d2, builtinDate);
  worksheet_write_boolean(ws, 5, 5, 0, nullptr);
  worksheet_write_string(ws, 5, 9, "多余", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return slurp(p);
}

void expectWorkbookRows(const Table& t, bool constantMemory) {
  EXPECT_EQ(t.encoding, "UTF-8");
  EXPECT_EQ(t.header, (Cells{"名称", "代码", "金额", "成立日期", "备注", "是否", "公式"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].number, 2);
  EXPECT_EQ(t.rows[0].cells,
            (Cells{"焦作甲公司", "91410800MA44XXXX1X", "1234.5", "2024-01-05", "重点企业", "true", "AB"}));
  EXPECT_FALSE(t.rows[0].problem);
  EXPECT_EQ(t.rows[1].number, 3);
  EXPECT_EQ(t.rows[1].cells, (Cells{"乙公司", "", "", "", "只有备注", "", ""}));
  EXPECT_FALSE(t.rows[1].problem);
  EXPECT_EQ(t.rows[2].number, 6);
  EXPECT_EQ(t.rows[2].cells, (Cells{"丙公司", "", "2E+17", "1999-12-31", "", "false", ""}));
  ASSERT_TRUE(t.rows[2].problem);
  EXPECT_EQ(t.rows[2].problem->zh, "第 6 行有 10 个单元格，多于表头的 7 列");
  (void)constantMemory;
}

TEST(SourceXlsx, SharedStringsGapsDatesNumbers) {
  TempDir dir;
  std::string bytes = writeWorkbook(dir / "a.xlsx", false);
  expectWorkbookRows(readBuffer(bytes, options(Format::Xlsx)), false);
}

TEST(SourceXlsx, InlineStrings) {
  TempDir dir;
  std::string bytes = writeWorkbook(dir / "inline.xlsx", true);
  ASSERT_NE(bytes.find("PK"), std::string::npos);
  expectWorkbookRows(readBuffer(bytes, options(Format::Xlsx)), true);
}

TEST(SourceXlsx, OpenFileAndOpenBufferAgree) {
  TempDir dir;
  std::string bytes = writeWorkbook(dir / "a.xlsx", false);
  auto fromFile = readFileAt(dir / "a.xlsx", options(Format::Xlsx));
  auto fromBuffer = readBuffer(bytes, options(Format::Xlsx));
  EXPECT_EQ(fromFile.header, fromBuffer.header);
  ASSERT_EQ(fromFile.rows.size(), fromBuffer.rows.size());
  for (std::size_t i = 0; i < fromFile.rows.size(); ++i) {
    EXPECT_EQ(fromFile.rows[i].number, fromBuffer.rows[i].number);
    EXPECT_EQ(fromFile.rows[i].cells, fromBuffer.rows[i].cells);
    EXPECT_EQ(bool(fromFile.rows[i].problem), bool(fromBuffer.rows[i].problem));
  }
}

TEST(SourceXlsx, TruncatedOrNotAZipIsRefused) {
  TempDir dir;
  std::string bytes = writeWorkbook(dir / "a.xlsx", false);
  std::string half = bytes.substr(0, bytes.size() / 2);
  EXPECT_TRUE(contains(sourceError([&] { readBuffer(half, options(Format::Xlsx)); }),
                       "XLSX 文件不完整或已损坏：不是 zip 压缩包"));
  writeFile(dir / "half.xlsx", half);
  EXPECT_TRUE(contains(sourceError([&] { readFileAt(dir / "half.xlsx", options(Format::Xlsx)); }),
                       "XLSX 文件不完整或已损坏"));
  EXPECT_TRUE(contains(sourceError([] { readBuffer("名称,代码\n", options(Format::Xlsx)); }),
                       "XLSX 文件不完整或已损坏"));
  EXPECT_EQ(sourceError([] { readBuffer("", options(Format::Xlsx)); }), "文件为空");
  writeFile(dir / "empty.xlsx", "");
  EXPECT_EQ(sourceError([&] { readFileAt(dir / "empty.xlsx", options(Format::Xlsx)); }), "文件为空");
}

// An XLSX assembled part by part, for what libxlsxwriter does not write.
std::string zipParts(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  EXPECT_TRUE(za);
  zip_source_keep(src);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(za), 0);
  std::string out;
  EXPECT_EQ(zip_source_open(src), 0);
  char buf[4096];
  zip_int64_t n;
  while ((n = zip_source_read(src, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

const char* kWorkbook1904 =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<x:workbookPr date1904="1"/><x:sheets><x:sheet name="数据" sheetId="7" r:id="rIdS"/>)"
    R"(<x:sheet name="其他" sheetId="1" r:id="rIdO"/></x:sheets></x:workbook>)";
const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rIdO" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>)"
    R"(<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>)"
    R"(<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>)"
    R"(<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
const char* kStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
    R"(<numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs></styleSheet>)";
const char* kStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">)"
    R"(<si><t>名称</t></si><si><r><t>日期</t></r><r><rPr><b/></rPr><t xml:space="preserve"> </t></r></si>)"
    R"(<si><t>焦作</t><rPh sb="0" eb="2"><t>ジャオズオ</t></rPh></si><si><t>第一行_x000D_第二行_x005F_x</t></si></sst>)";

std::string sheetXml(const std::string& rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" + rows +
         "</sheetData></worksheet>";
}

TEST(SourceXlsx, PartsFoundThroughRelationshipsWith1904DatesAndPhonetics) {
  std::string sheet = sheetXml(
      R"(<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>数值</t></is></c></row>)"
      R"(<row r="3"><c r="B3" t="s"><v>2</v></c><c r="C3" s="1"><v>0</v></c><c r="D3" s="2"><v>3.25</v></c></row>)"
      R"(<row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" s="3"><v>45296.75</v></c><c r="D4" t="e"><v>#N/A</v></c></row>)"
      R"(<row r="5"><c r="B5" t="s"><v>99</v></c></row>)");
  std::string bytes = zipParts({{"[Content_Types].xml", "<Types/>"},
                                {"xl/workbook.xml", kWorkbook1904},
                                {"xl/_rels/workbook.xml.rels", kRels},
                                {"xl/styles.xml", kStyles},
                                {"xl/strings.xml", kStrings},
                                {"xl/worksheets/other.xml", sheetXml(R"(<row r="1"><c t="inlineStr"><is><t>错表</t></is></c></row>)")},
                                {"xl/worksheets/data.xml", sheet}});
  auto t = readBuffer(bytes, options(Format::Xlsx));
  EXPECT_EQ(t.header, (Cells{"", "名称", "日期", "数值"}));  // column A is empty in the header
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].number, 3);
  EXPECT_EQ(t.rows[0].cells, (Cells{"", "焦作", "1904-01-01", "3.25"}));  // 165 is not a date
  EXPECT_EQ(t.rows[1].cells, (Cells{"", "第一行\r第二行_x", "2028-01-06", "#N/A"}));  // 1904: 45296 + 1462
  ASSERT_TRUE(t.rows[2].problem);
  EXPECT_TRUE(contains(t.rows[2].problem->zh, "第 5 行第 2 列（名称）引用了不存在的共享字符串"));
}

TEST(SourceXlsx, Dates1900IncludingTheLeapYearBug) {
  std::string workbook =
      R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string rels =
      R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
  std::string styles = R"(<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  std::string sheet = sheetXml(
      R"(<row r="1"><c t="inlineStr"><is><t>d</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)"
      R"(<row r="2"><c s="1"><v>1</v></c><c><v>1</v></c></row>)"
      R"(<row r="3"><c s="1"><v>59</v></c></row><row r="4"><c s="1"><v>60</v></c></row>)"
      R"(<row r="5"><c s="1"><v>61</v></c></row><row r="6"><c s="1"><v>45296</v></c></row>)"
      R"(<row r="7"><c s="1"><v>0.5</v></c></row><row r="8"><c s="1" t="s"><v>0</v></c></row>)"
      R"(<row r="9"><c s="1"><v>abc</v></c></row><row r="10"><c s="7"><v>45296</v></c></row>)");
  auto t = readBuffer(zipParts({{"xl/workbook.xml", workbook},
                                {"xl/_rels/workbook.xml.rels", rels},
                                {"xl/styles.xml", styles},
                                {"xl/worksheets/sheet1.xml", sheet}}),
                      options(Format::Xlsx));
  Cells dates;
  for (const auto& r : t.rows) dates.push_back(r.cells[0]);
  EXPECT_EQ(dates, (Cells{"1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2024-01-05", "0.5", "0",
                          "abc", "45296"}));
  EXPECT_EQ(t.rows[0].cells[1], "1");
  EXPECT_TRUE(t.rows[6].problem);  // shared string 0 does not exist: no table
}

TEST(SourceXlsx, MissingPartsDtdAndBrokenXmlAreRefused) {
  std::string rels =
      R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
  std::string workbook = R"(<workbook><sheets><sheet name="S" sheetId="1" id="rId1"/></sheets></workbook>)";
  EXPECT_TRUE(contains(sourceError([&] {
                         readBuffer(zipParts({{"docProps/app.xml", "<x/>"}}), options(Format::Xlsx));
                       }),
                       "缺少 xl/workbook.xml"));
  EXPECT_TRUE(contains(sourceError([&] {
                         readBuffer(zipParts({{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels}}),
                                    options(Format::Xlsx));
                       }),
                       "缺少工作表 xl/worksheets/sheet1.xml"));
  std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>)"
                       R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)";
  EXPECT_TRUE(contains(sourceError([&] {
                         readBuffer(zipParts({{"xl/workbook.xml", workbook},
                                              {"xl/_rels/workbook.xml.rels", rels},
                                              {"xl/worksheets/sheet1.xml", laughs}}),
                                    options(Format::Xlsx));
                       }),
                       "含有 DTD"));
  // The sheet breaks off after some rows: the header and the first rows are read, then the
  // reader throws.
  std::string rows = R"(<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row>)";
  for (int i = 2; i < 5000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c><v>" + std::to_string(i) + "</v></c></row>";
  std::string cut = sheetXml(rows);
  cut.resize(cut.size() / 2);
  auto source = openBuffer(zipParts({{"xl/workbook.xml", workbook},
                                     {"xl/_rels/workbook.xml.rels", rels},
                                     {"xl/worksheets/sheet1.xml", cut}}),
                           options(Format::Xlsx));
  EXPECT_EQ(source->header(), (Cells{"h"}));
  SourceRow row;
  ASSERT_TRUE(source->next(row));
  EXPECT_EQ(row.cells, (Cells{"2"}));
  EXPECT_TRUE(contains(sourceError([&] {
                         while (source->next(row)) {
                         }
                       }),
                       "XLSX 文件不完整或已损坏：xl/worksheets/sheet1.xml"));
}

TEST(SourceXlsx, AGiganticAttributeIsRefusedOnceItPassesOneMebibyte) {
  // 200 MB of one attribute compresses to about 200 KB; expat would rescan it at every chunk.
  std::string rels =
      R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
  std::string workbook = R"(<workbook><sheets><sheet name="S" sheetId="1" id="rId1"/></sheets></workbook>)";
  std::string sheet = sheetXml(R"(<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row><row r="2" x=")" +
                               std::string(20u << 20, 'a') + R"("><c><v>1</v></c></row>)");
  auto source = openBuffer(zipParts({{"xl/workbook.xml", workbook},
                                     {"xl/_rels/workbook.xml.rels", rels},
                                     {"xl/worksheets/sheet1.xml", sheet}}),
                           options(Format::Xlsx));
  SourceRow row;
  EXPECT_TRUE(contains(sourceError([&] {
                         while (source->next(row)) {
                         }
                       }),
                       "有超过 1 MiB 的单个 XML 标记"));
  // Long cell text is character data, not one token: a 2 MB cell is a row problem, not a damaged file.
  std::string longCell = sheetXml(R"(<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c t="inlineStr"><is><t>)" +
                                  std::string(2u << 20, 'b') + R"(</t></is></c></row>)");
  auto ok = openBuffer(zipParts({{"xl/workbook.xml", workbook},
                                 {"xl/_rels/workbook.xml.rels", rels},
                                 {"xl/worksheets/sheet1.xml", longCell}}),
                       options(Format::Xlsx));
  ASSERT_TRUE(ok->next(row));
  EXPECT_TRUE(row.problem.has_value());
}

TEST(SourceXlsx, HeaderRulesApply) {
  std::string rels =
      R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
  std::string workbook = R"(<workbook><sheets><sheet name="名录" sheetId="1" id="rId1"/></sheets></workbook>)";
  auto open = [&](const std::string& rows) {
    return readBuffer(zipParts({{"xl/workbook.xml", workbook},
                                {"xl/_rels/workbook.xml.rels", rels},
                                {"xl/worksheets/sheet1.xml", sheetXml(rows)}}),
                      options(Format::Xlsx));
  };
  EXPECT_EQ(sourceError([&] { open(""); }), "文件为空（第一个工作表“名录”没有内容）");
  EXPECT_EQ(sourceError([&] { open(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="SZ1"><v>1</v></c></row>)"); }),
            "表头有 520 列，超过上限 512 列");
  EXPECT_EQ(sourceError([&] {
              open(R"(<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t> a</t></is></c></row>)");
            }),
            "表头列名重复：a");
  auto t = open(R"(<row r="3"><c r="B3" t="inlineStr"><is><t>x</t></is></c></row><row r="4"><c r="B4"><v>7</v></c></row>)");
  EXPECT_EQ(t.header, (Cells{"", "x"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].number, 4);
}

// ---- JSON Lines ----

TEST(SourceJsonl, ValuesBadLinesAndUnknownKeys) {
  std::string text =
      "\n"
      "not json\n"
      "{\"名称\":\"甲公司\",\"金额\":1234.5,\"人数\":12,\"是否\":true,\"备注\":null}\r\n"
      "{\"金额\":\"2\",\"名称\":\"乙\"}\n"
      "   \n"
      "[1,2]\n"
      "{\"名称\":\"丙\",\"地址\":\"焦作\"}\n"
      "{\"名称\":\"丁\",\"备注\":{\"a\":1}}\n"
      "{}\n"
      "{\"名称\":\"戊\"\n";
  auto t = readBuffer(text, options(Format::JsonLines));
  EXPECT_EQ(t.encoding, "UTF-8");
  EXPECT_EQ(t.header, (Cells{"名称", "金额", "人数", "是否", "备注"}));
  ASSERT_EQ(t.rows.size(), 7u);
  EXPECT_EQ(t.rows[0].number, 2);
  ASSERT_TRUE(t.rows[0].problem);
  EXPECT_TRUE(contains(t.rows[0].problem->zh, "第 2 行不是有效的 JSON"));
  EXPECT_EQ(t.rows[0].cells, Cells(5));
  EXPECT_EQ(t.rows[1].number, 3);
  EXPECT_EQ(t.rows[1].cells, (Cells{"甲公司", "1234.5", "12", "true", ""}));
  EXPECT_FALSE(t.rows[1].problem);
  EXPECT_EQ(t.rows[2].number, 4);
  EXPECT_EQ(t.rows[2].cells, (Cells{"乙", "2", "", "", ""}));
  EXPECT_EQ(t.rows[3].number, 6);
  EXPECT_TRUE(contains(t.rows[3].problem->zh, "第 6 行不是 JSON 对象"));
  EXPECT_EQ(t.rows[4].number, 7);
  ASSERT_TRUE(t.rows[4].problem);
  EXPECT_TRUE(contains(t.rows[4].problem->zh, "第 7 行有表头中没有的字段 “地址”"));
  EXPECT_EQ(t.rows[4].cells[0], "丙");
  EXPECT_EQ(t.rows[5].number, 8);
  EXPECT_TRUE(contains(t.rows[5].problem->zh, "对象或数组"));
  EXPECT_EQ(t.rows[6].number, 10);  // {} on line 9 is blank
  EXPECT_TRUE(contains(t.rows[6].problem->zh, "第 10 行不是有效的 JSON"));
}

TEST(SourceJsonl, LimitsAndFileLevelErrors) {
  EXPECT_EQ(sourceError([] { readBuffer("", options(Format::JsonLines)); }), "文件为空");
  EXPECT_TRUE(contains(sourceError([] { readBuffer("\n\n", options(Format::JsonLines)); }), "文件没有表头行"));
  EXPECT_TRUE(contains(sourceError([] { readBuffer("a,b\n1,2\n", options(Format::JsonLines)); }),
                       "文件中没有有效的 JSON 对象行"));
  EXPECT_EQ(sourceError([] { readBuffer("{\"a\":1,\" a \":2}\n", options(Format::JsonLines)); }), "表头列名重复：a");
  std::string wide = "{";
  for (int i = 0; i < 5000; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  wide += "}\n";
  EXPECT_EQ(sourceError([&] { readBuffer(wide, options(Format::JsonLines)); }), "表头有 5000 列，超过上限 512 列");

  SourceOptions o = options(Format::JsonLines);
  o.limits.maxRowBytes = 128;
  o.limits.maxFieldBytes = 16;
  std::string deep(100, '[');
  auto t = readBuffer("{\"a\":\"x\"}\n{\"a\":\"" + std::string(1000, 'y') + "\"}\n{\"a\":\"" +
                          std::string(30, 'z') + "\"}\n{\"a\":" + deep + "}\n\xFF\n{\"a\":\"ok\"}",
                      o);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[1].problem->zh, "第 2 行超过 128 字节的上限");
  EXPECT_EQ(t.rows[2].problem->zh, "第 3 行第 1 列（a）的内容超过 16 字节的上限");
  EXPECT_EQ(t.rows[2].cells[0], std::string(30, 'z'));  // under 200 bytes: kept whole, still refused
  EXPECT_TRUE(contains(t.rows[3].problem->zh, "嵌套超过"));
  EXPECT_TRUE(contains(t.rows[4].problem->zh, "第 5 行不是有效的 UTF-8 编码"));
  EXPECT_EQ(t.rows[5].cells[0], "ok");
  EXPECT_FALSE(t.rows[5].problem);
}

TEST(SourceJsonl, NumbersKeepTheirTextAndWideLinesStayCheap) {
  auto t = readBuffer("{\"a\":1e3,\"b\":123456789012345678901234567890,\"c\":-0.50,\"d\":2.0E+17,\"e\":-7}\n",
                      options(Format::JsonLines));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1e3", "123456789012345678901234567890", "-0.50", "2.0E+17", "-7"}));
  // 80 000 keys on one line (under the 1 MiB line limit): a row problem, found in linear time.
  std::string text = "{\"a\":1}\n{";
  for (int i = 0; i < 80000; ++i) text += "\"k" + std::to_string(i) + "\":1,";
  text += "\"a\":2}\n{\"a\":3}\n";
  auto start = std::chrono::steady_clock::now();
  auto w = readBuffer(text, options(Format::JsonLines));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(w.rows.size(), 3u);
  ASSERT_TRUE(w.rows[1].problem);
  EXPECT_LT(text.size(), 1024u * 1024u);
  EXPECT_TRUE(contains(w.rows[1].problem->zh, "第 2 行有表头中没有的字段 “k0”、“k1”"));
  EXPECT_TRUE(contains(w.rows[1].problem->zh, "第 2 行有 80001 个字段，多于表头的 1 列"));
  EXPECT_EQ(w.rows[2].cells, (Cells{"3"}));
}

// ---- both ways in ----

TEST(SourceCommon, OpenFileAndOpenBufferAgree) {
  TempDir dir;
  std::string csv = gb18030("名称,代码\n甲,1\n\"多\n行\",2\n") + "\xFF,3\n";
  std::string jsonl = "{\"a\":1}\nbad\n{\"a\":\"企业\",\"b\":2}\n";
  struct Case {
    std::string bytes;
    SourceOptions options;
  };
  for (const auto& c : {Case{csv, options(Format::Csv)}, Case{jsonl, options(Format::JsonLines)}}) {
    writeFile(dir / "f", c.bytes);
    auto a = readFileAt(dir / "f", c.options);
    auto b = readBuffer(c.bytes, c.options);
    EXPECT_EQ(a.header, b.header);
    EXPECT_EQ(a.encoding, b.encoding);
    ASSERT_EQ(a.rows.size(), b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
      EXPECT_EQ(a.rows[i].number, b.rows[i].number);
      EXPECT_EQ(a.rows[i].cells, b.rows[i].cells);
      EXPECT_EQ(a.rows[i].problem ? a.rows[i].problem->zh : "", b.rows[i].problem ? b.rows[i].problem->zh : "");
    }
  }
  // A file larger than the reader's window, read through it.
  std::string big = "名称,序号\n";
  for (int i = 0; i < 20000; ++i) big += "焦作企业" + std::to_string(i) + "," + std::to_string(i) + "\n";
  writeFile(dir / "big.csv", big);
  auto a = readFileAt(dir / "big.csv", options(Format::Csv));
  auto b = readBuffer(big, options(Format::Csv));
  ASSERT_EQ(a.rows.size(), 20000u);
  ASSERT_EQ(b.rows.size(), 20000u);
  EXPECT_EQ(a.rows.back().cells, b.rows.back().cells);
  EXPECT_EQ(a.rows.back().number, 20001);
}

}  // namespace
}  // namespace jinfu::collect
