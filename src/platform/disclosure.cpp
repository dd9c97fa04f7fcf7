#include "platform/disclosure.hpp"

#include <cstddef>
#include <numeric>

namespace jinfu {

std::vector<bool> suppressedCells(const std::vector<int64_t>& counts, int64_t k) {
  std::vector<bool> hidden(counts.size(), false);
  int64_t total = std::accumulate(counts.begin(), counts.end(), int64_t{0});
  if (total < k) {
    for (std::size_t i = 0; i < counts.size(); ++i) hidden[i] = counts[i] > 0;
    return hidden;
  }
  std::size_t hiddenCount = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0 && counts[i] < k) hidden[i] = true, ++hiddenCount;
  if (hiddenCount == 1) {
    std::size_t smallest = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (!hidden[i] && counts[i] > 0 && (smallest == counts.size() || counts[i] < counts[smallest])) smallest = i;
    if (smallest < counts.size()) hidden[smallest] = true;
  }
  return hidden;
}

}  // namespace jinfu
