#pragma once
// The JSON envelope of a list: {items, total, page, pageSize}, each row mapped by `toJson`.
// Only route and JSON-mapping files include this (it brings nlohmann/json.hpp).
#include <nlohmann/json.hpp>

#include "platform/page.hpp"

namespace jinfu::http {

template <class T, class ToJson>
nlohmann::json pageJson(const Page<T>& page, ToJson&& toJson) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : page.items) items.push_back(toJson(row));
  return {{"items", std::move(items)}, {"total", page.total}, {"page", page.paging.page},
          {"pageSize", page.paging.pageSize}};
}

}  // namespace jinfu::http
