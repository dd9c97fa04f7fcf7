#pragma once
// One row of a lifecycle table: the command (or event) that moves an aggregate from any of the
// states `from` to the state `to`. The rules of each capability own their table and decide();
// the shape of a row and the question "may it start here" are the same everywhere.
#include <algorithm>
#include <vector>

namespace jinfu::lifecycle {

template <class Trigger, class State>
struct Edge {
  Trigger trigger;
  std::vector<State> from;
  State to;

  bool startsFrom(State s) const { return std::find(from.begin(), from.end(), s) != from.end(); }
};

}  // namespace jinfu::lifecycle
