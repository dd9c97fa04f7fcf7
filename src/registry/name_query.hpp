#pragma once
// How a typed name query matches enterprise names, beyond "the query is a substring": people type
// the parts of a name they remember — with spaces ("天宝 科技") or behind the place the firm is
// registered in ("焦作天宝" for 焦作市天宝桓祥科技有限公司). Pure: the store turns the answer into
// LIKE patterns.
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::registry {

struct NameQuery {
  std::string needle;  // the query without spaces, lower case: matched as a substring
  // Further ways to match: each a list of parts that must appear in this order.
  std::vector<std::vector<std::string>> inOrder;
};

// `q` already NFKC-folded. `places` are the names a query may start with (焦作市, 沁阳市 …): a
// name's stem without its 省/市/县/区 also counts (焦作), when two characters or more remain.
NameQuery readNameQuery(std::string_view q, const std::vector<std::string>& places);

}  // namespace jinfu::registry
