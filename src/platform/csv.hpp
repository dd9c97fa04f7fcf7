#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes, embedded commas and line breaks, CRLF or LF,
// an optional UTF-8 byte-order mark. Pure; the collection importer builds on it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // The next record, or nullopt at the end. Throws std::invalid_argument naming the line for an
  // unterminated quote or text after a closing quote.
  std::optional<std::vector<std::string>> next();
  size_t line() const { return line_; }  // 1-based line where the last record started

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 0;
  size_t nextLine_ = 1;
};

// A CSV file with a header row, addressed by column name.
class CsvTable {
 public:
  static CsvTable parse(std::string_view text);  // throws std::invalid_argument
  const std::vector<std::string>& header() const { return header_; }
  size_t rows() const { return rows_.size(); }
  const std::string& at(size_t row, std::string_view column) const;  // throws for an unknown column
  size_t lineOf(size_t row) const { return lines_[row]; }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> lines_;
};

}  // namespace jinfu
