#include "platform/audit/audit_xlsx.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <xlsxwriter.h>

#include "platform/audit/actions.hpp"
#include "platform/text.hpp"

namespace jinfu::audit {
namespace {

// Excel refuses more than 32 767 characters in a cell; stay clear of it.
constexpr size_t kMaxCellChars = 32000;

struct Column {
  const char* title;
  double width;
};

constexpr Column kColumns[] = {
    {"时间", 30}, {"用户", 18}, {"机构", 30}, {"操作", 26}, {"对象类型", 12}, {"对象编号", 14},
    {"结果", 8},  {"地址", 18}, {"终端", 36}, {"详情", 60}, {"修改前", 50}, {"修改后", 50}, {"请求编号", 24},
};
constexpr int kColumnCount = static_cast<int>(std::size(kColumns));

std::runtime_error xlsxError(const char* what, lxw_error error) {
  return std::runtime_error(std::string("xlsx export: ") + what + ": " + lxw_strerror(error));
}

}  // namespace

std::string safeCellText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  if (!text.empty()) {
    char first = text.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') out += '\'';
  }
  size_t chars = 0;
  for (size_t i = 0; i < text.size() && chars < kMaxCellChars; ++chars) {
    char32_t c = text::decodeUtf8(text, i);
    // XML 1.0 cannot carry C0 controls other than tab, line feed and carriage return.
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') c = text::kReplacement;
    text::appendUtf8(c, out);
  }
  return out;
}

std::string_view outcomeZh(std::string_view outcome) {
  if (outcome == "success") return "成功";
  if (outcome == "failure") return "失败";
  if (outcome == "denied") return "拒绝";
  return outcome;
}

AuditWorkbook::AuditWorkbook() {
  // A private directory (mode 0700) so that no other local user can read or swap the file.
  std::string pattern = (std::filesystem::temp_directory_path() / "jinfu-audit-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("xlsx export: cannot create a temporary directory");
  dir_ = pattern;
  file_ = dir_ / "audit.xlsx";
  tmpdir_ = dir_.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir_.data();  // kept alive for the workbook's lifetime
  workbook_ = workbook_new_opt(file_.c_str(), &options);
  if (!workbook_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw std::runtime_error("xlsx export: cannot create the workbook");
  }
  sheet_ = workbook_add_worksheet(workbook_, "审计日志");
  header_ = workbook_add_format(workbook_);
  format_set_bold(header_);
  format_set_bg_color(header_, 0xDDEBF7);
  for (int c = 0; c < kColumnCount; ++c) {
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), kColumns[c].width, nullptr);
    worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), kColumns[c].title, header_);
  }
  worksheet_freeze_panes(sheet_, 1, 0);
}

AuditWorkbook::~AuditWorkbook() {
  // finish() was not reached (an exception): close to free the library's memory, then discard.
  if (workbook_) workbook_close(workbook_);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void AuditWorkbook::cell(int column, std::string_view text) {
  if (text.empty()) return;
  std::string safe = safeCellText(text);
  auto row = static_cast<lxw_row_t>(rows_ + 1);
  lxw_error error = worksheet_write_string(sheet_, row, static_cast<lxw_col_t>(column), safe.c_str(), nullptr);
  if (error != LXW_NO_ERROR) throw xlsxError("cannot write a cell", error);
}

void AuditWorkbook::add(const StoredEntry& entry) {
  if (!workbook_) throw std::logic_error("AuditWorkbook::add after finish");
  const Content& c = entry.content;
  std::string actionText = c.action;
  if (auto zh = action::nameZh(c.action); !zh.empty()) actionText = std::string(zh) + "（" + c.action + "）";
  cell(0, c.at);
  cell(1, c.username);
  cell(2, c.organisationName);
  cell(3, actionText);
  cell(4, c.objectType);
  cell(5, c.objectId);
  cell(6, outcomeZh(c.outcome));
  cell(7, c.ip);
  cell(8, c.userAgent);
  cell(9, c.detail);
  cell(10, c.beforeJson.value_or(""));
  cell(11, c.afterJson.value_or(""));
  cell(12, c.requestId);
  ++rows_;
}

std::string AuditWorkbook::finish() {
  if (!workbook_) throw std::logic_error("AuditWorkbook::finish called twice");
  if (rows_ > 0)
    worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(rows_), static_cast<lxw_col_t>(kColumnCount - 1));
  lxw_error error = workbook_close(workbook_);
  workbook_ = nullptr;
  if (error != LXW_NO_ERROR) throw xlsxError("cannot write the workbook", error);
  std::ifstream in(file_, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx export: cannot read the workbook back");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace jinfu::audit
