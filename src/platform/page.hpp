#pragma once
// One page of a list, the one shape every list of the platform takes from store to client:
// the rows of the page, the total across all pages, and which page it is. Stores fill it;
// http::pageJson (platform/http/envelope.hpp) sends it as {items, total, page, pageSize}.
#include <cstdint>
#include <vector>

namespace jinfu {

// ?page=&pageSize= of a list request: defaults 1 and 20, pageSize at most 100 (Request::paging).
struct Paging {
  int page = 1;
  int pageSize = 20;
  int64_t offset() const { return static_cast<int64_t>(page - 1) * pageSize; }
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  Paging paging;
};

}  // namespace jinfu
