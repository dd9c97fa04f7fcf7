#pragma once
// From a department's file to facts: mapping the header row onto the catalogue's fields, then
// checking every row and turning it into a canonical fact with a content hash. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/catalogue.hpp"
#include "platform/errors.hpp"

namespace jinfu::collect {

struct ColumnMap {
  std::vector<int> fieldOfColumn;            // per file column: index into category.fields, or -1
  std::vector<bool> columnInWan;             // amount column read in 万元 (by its header or the field)
  std::vector<std::string> unknownColumns;   // shown to the provider; "错误原因", "原行号" and
                                             // blank headers are silently ignored
  // Derived for validateRow, filled by mapHeader.
  std::vector<int> columnOfField;            // per field: file column, or -1
  std::vector<int> fieldsByKey;              // field indices ordered by key (canonical JSON)
  std::vector<int> keyFieldIndex;            // category.keyFields as field indices
  int dateFieldIndex = -1;
  int usccFieldIndex = -1;
  int nameFieldIndex = -1;                   // "name" (display only outside registration)
};

// problem: no known column at all; required fields without a column (named in Chinese); two
// columns for the same field. The map is filled as far as possible even then.
struct HeaderResult {
  ColumnMap map;
  std::optional<LocalText> problem;
};
HeaderResult mapHeader(const Category& category, const std::vector<std::string>& header);

// What header matching compares: NFKC, trimmed, ASCII lower case, spaces, underscores and '*'
// removed; a trailing unit in brackets ("（万元）", "(元)", "【万元】", "(单位：万元)") goes to
// `unit` ("万元", "元", …) and is removed from the name.
std::string normaliseHeaderName(std::string_view header, std::string* unit = nullptr);

struct CellProblem {
  std::string column;  // the file's header text
  std::string value;   // as in the file, cut to 200 characters
  LocalText reason;
};

struct Fact {
  std::string uscc;
  std::string key;          // key field values joined with '|' ("2025-06|electricity"); "" for none
  std::string factDate;     // YYYY-MM-DD (a month → its last day, a year → 12-31); "" when empty
  std::string valuesJson;   // canonical JSON: keys sorted, amounts integer fen, empty optional
                            // fields omitted; without uscc, and outside registration without name
  std::string contentHash;  // hex SHA-256 of category, uscc, key and valuesJson
  std::string name;         // the enterprise name as given in the row (display/consistency), or ""
};

struct RowResult {
  std::optional<Fact> fact;             // set exactly when problems is empty
  std::vector<CellProblem> problems;    // every problem of the row, in field order
};

// `cells` may be shorter than the header (missing cells are blank); cells beyond it are ignored.
RowResult validateRow(const Category& category, const ColumnMap& map,
                      const std::vector<std::string>& header, const std::vector<std::string>& cells);

}  // namespace jinfu::collect
