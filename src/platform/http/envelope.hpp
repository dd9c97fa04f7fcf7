#pragma once
// The JSON envelope of a list: {items, total, page, pageSize}, each row mapped by `toJson`; and
// the one shape of a spreadsheet download.
// Only route and JSON-mapping files include this (it brings nlohmann/json.hpp).
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
inline Response xlsxDownload(std::string bytes, const std::string& fileName) {
  auto response = Response::text(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace jinfu::http
