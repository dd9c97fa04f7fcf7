#pragma once
// The JSON envelope of a list: {items, total, page, pageSize}, each row mapped by `toJson`; and
// the one shape of a spreadsheet download.
// Only route and JSON-mapping files include this (it brings nlohmann/json.hpp).
#include <cctype>

#include <nlohmann/json.hpp>

#include "platform/http/message.hpp"
#include "platform/page.hpp"

namespace jinfu::http {

template <class T, class ToJson>
nlohmann::json pageJson(const Page<T>& page, ToJson&& toJson) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : page.items) items.push_back(toJson(row));
  return {{"items", std::move(items)}, {"total", page.total}, {"page", page.paging.page},
          {"pageSize", page.paging.pageSize}};
}

// An Excel workbook the browser saves as `fileName` (not cached: it holds what the caller may see).
// `fileName` is what the user sees (企业名录-20261207.xlsx), sent as RFC 6266 filename*; `asciiName`
// is the plain fallback for clients that read only filename.
inline Response xlsxDownload(std::string bytes, const std::string& fileName, const std::string& asciiName) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : fileName) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') encoded += static_cast<char>(c);
    else encoded += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  auto response = Response::text(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encoded);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace jinfu::http
