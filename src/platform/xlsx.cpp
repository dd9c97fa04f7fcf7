#include "platform/xlsx.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <xlsxwriter.h>

#include "platform/text.hpp"

namespace jinfu::xlsx {
namespace {

// Excel refuses more than 32 767 characters in a cell; stay clear of it.
constexpr size_t kMaxCellChars = 32000;

std::runtime_error xlsxError(const char* what, lxw_error error) {
  return std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
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

std::string originalCellText(std::string text) {
  if (text.size() >= 2 && text[0] == '\'') {
    char next = text[1];
    if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') text.erase(0, 1);
  }
  return text;
}

Writer::Writer(std::string_view sheetName, const std::vector<Column>& columns)
    : dir_("jinfu-xlsx-"), columns_(static_cast<int>(columns.size())) {
  file_ = dir_.path() / "export.xlsx";
  tmpdir_ = dir_.path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir_.data();  // kept alive for the workbook's lifetime
  workbook_ = workbook_new_opt(file_.c_str(), &options);
  if (!workbook_) throw std::runtime_error("xlsx: cannot create the workbook");
  sheet_ = workbook_add_worksheet(workbook_, std::string(sheetName).c_str());
  lxw_format* header = workbook_add_format(workbook_);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  for (int c = 0; c < columns_; ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet_, col, col, columns[static_cast<size_t>(c)].width, nullptr);
    worksheet_write_string(sheet_, 0, col, safeCellText(columns[static_cast<size_t>(c)].title).c_str(), header);
  }
  worksheet_freeze_panes(sheet_, 1, 0);
}

Writer::~Writer() {
  // finish() was not reached (an exception): close to free the library's memory; dir_ goes with it.
  if (workbook_) workbook_close(workbook_);
}

void Writer::row(const std::vector<std::string>& cells) {
  if (!workbook_) throw std::logic_error("xlsx::Writer::row after finish");
  auto r = static_cast<lxw_row_t>(rows_ + 1);
  for (size_t c = 0; c < cells.size() && c < LXW_COL_MAX; ++c) {
    if (cells[c].empty()) continue;
    std::string safe = safeCellText(cells[c]);
    lxw_error error = worksheet_write_string(sheet_, r, static_cast<lxw_col_t>(c), safe.c_str(), nullptr);
    if (error != LXW_NO_ERROR) throw xlsxError("cannot write a cell", error);
  }
  ++rows_;
}

std::string Writer::finish() {
  if (!workbook_) throw std::logic_error("xlsx::Writer::finish called twice");
  if (rows_ > 0 && columns_ > 0)
    worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(rows_), static_cast<lxw_col_t>(columns_ - 1));
  lxw_error error = workbook_close(workbook_);
  workbook_ = nullptr;
  if (error != LXW_NO_ERROR) throw xlsxError("cannot write the workbook", error);
  std::ifstream in(file_, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx: cannot read the workbook back");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace jinfu::xlsx
