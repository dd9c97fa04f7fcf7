#pragma once
// The audit trail as an Excel workbook: one sheet, a frozen Chinese header row, one row per
// entry. Rows are streamed to disk (libxlsxwriter's constant-memory mode), so an export of
// 100 000 entries does not hold them all in memory.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/audit/chain.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jinfu::audit {

// Text that a spreadsheet application could take for a formula when someone edits the cell
// (it starts with =, +, -, @, a tab or a carriage return) gets a leading apostrophe. The
// apostrophe stays visible: that is deliberate, because it also survives a re-save as CSV,
// where a hidden "quote prefix" style would be lost (OWASP's advice for CSV injection).
// Also replaces malformed UTF-8 and the control characters XML cannot carry, and cuts the text
// to Excel's 32 767-character cell limit.
std::string safeCellText(std::string_view text);

// The Chinese word for an outcome: 成功 / 失败 / 拒绝 (the code itself when unknown).
std::string_view outcomeZh(std::string_view outcome);

class AuditWorkbook {
 public:
  // Creates the workbook in a private temporary directory. Throws std::runtime_error on failure.
  AuditWorkbook();
  ~AuditWorkbook();  // removes the temporary directory
  AuditWorkbook(const AuditWorkbook&) = delete;
  AuditWorkbook& operator=(const AuditWorkbook&) = delete;

  // Rows must come in the order they are to appear (constant-memory mode writes them at once).
  void add(const StoredEntry& entry);
  int64_t rows() const { return rows_; }

  // Closes the workbook and returns the bytes of the .xlsx file. Call once.
  std::string finish();

 private:
  void cell(int column, std::string_view text);

  std::filesystem::path dir_;
  std::string tmpdir_;  // libxlsxwriter's scratch files go here too
  std::filesystem::path file_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  int64_t rows_ = 0;
};

}  // namespace jinfu::audit
