#pragma once
// The audit trail as an Excel workbook: one sheet, a frozen Chinese header row, one row per
// entry, streamed (platform/xlsx).
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/audit/chain.hpp"
#include "platform/xlsx.hpp"

namespace jinfu::audit {

using xlsx::safeCellText;

// The Chinese word for an outcome: 成功 / 失败 / 拒绝 (the code itself when unknown).
std::string_view outcomeZh(std::string_view outcome);

class AuditWorkbook {
 public:
  AuditWorkbook();

  // Rows must come in the order they are to appear.
  void add(const StoredEntry& entry);
  int64_t rows() const { return writer_.rows(); }

  // Closes the workbook and returns the bytes of the .xlsx file. Call once.
  std::string finish() { return writer_.finish(); }

 private:
  xlsx::Writer writer_;
};

}  // namespace jinfu::audit
