#include "platform/csv.hpp"

#include <stdexcept>

namespace jinfu {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

std::optional<std::vector<std::string>> CsvReader::next() {
  if (pos_ >= text_.size()) return std::nullopt;
  line_ = nextLine_;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, afterQuote = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') { field += '"'; ++pos_; }
        else { quoted = false; afterQuote = true; }
      } else {
        if (c == '\n') ++nextLine_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      afterQuote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++nextLine_;
      fields.push_back(std::move(field));
      return fields;
    } else if (c == '"' && field.empty() && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw std::invalid_argument("第 " + std::to_string(line_) + " 行：引号后出现多余字符");
    } else {
      field += c;
    }
  }
  if (quoted) throw std::invalid_argument("第 " + std::to_string(line_) + " 行：引号未闭合");
  fields.push_back(std::move(field));
  return fields;
}

CsvTable CsvTable::parse(std::string_view text) {
  CsvReader reader(text);
  CsvTable table;
  auto header = reader.next();
  if (!header) throw std::invalid_argument("文件为空，缺少表头");
  table.header_ = std::move(*header);
  while (auto record = reader.next()) {
    if (record->size() == 1 && record->front().empty()) continue;  // blank line
    if (record->size() != table.header_.size())
      throw std::invalid_argument("第 " + std::to_string(reader.line()) + " 行：应有 " +
                                  std::to_string(table.header_.size()) + " 列，实际 " +
                                  std::to_string(record->size()) + " 列");
    table.rows_.push_back(std::move(*record));
    table.lines_.push_back(reader.line());
  }
  return table;
}

const std::string& CsvTable::at(size_t row, std::string_view column) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == column) return rows_.at(row).at(i);
  throw std::invalid_argument("缺少列 " + std::string(column));
}

}  // namespace jinfu
