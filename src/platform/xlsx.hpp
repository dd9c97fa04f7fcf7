#pragma once
// Writing one-sheet Excel workbooks (exports, quarantined rows): a bold, frozen header row, then
// rows streamed to disk in libxlsxwriter's constant-memory mode, so a 100 000-row export does not
// hold its rows in memory. Every cell goes through safeCellText.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/temp_dir.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jinfu::xlsx {

// Text that a spreadsheet application could take for a formula when someone edits the cell
// (it starts with =, +, -, @, a tab or a carriage return) gets a leading apostrophe. The
// apostrophe stays visible: that is deliberate, because it also survives a re-save as CSV,
// where a hidden "quote prefix" style would be lost (OWASP's advice for CSV injection).
// Also replaces malformed UTF-8 and the control characters XML cannot carry, and cuts the text
// to Excel's 32 767-character cell limit.
std::string safeCellText(std::string_view text);
// The inverse of that apostrophe, for a file we wrote coming back (a corrected quarantine
// download): "'=1+1" → "=1+1"; any other text, "'abc" included, as it is.
std::string originalCellText(std::string text);

struct Column {
  std::string title;
  double width = 16;
};

class Writer {
 public:
  // Creates the workbook in a private temporary directory. Throws std::runtime_error on failure.
  Writer(std::string_view sheetName, const std::vector<Column>& columns);
  ~Writer();  // removes the temporary directory
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Rows must come in the order they are to appear; cells beyond the columns are written too.
  void row(const std::vector<std::string>& cells);
  int64_t rows() const { return rows_; }

  // Closes the workbook and returns the bytes of the .xlsx file. Call once.
  std::string finish();

 private:
  PrivateTempDir dir_;
  std::string tmpdir_;  // libxlsxwriter's scratch files go here too
  std::filesystem::path file_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  int columns_ = 0;
  int64_t rows_ = 0;
};

}  // namespace jinfu::xlsx
