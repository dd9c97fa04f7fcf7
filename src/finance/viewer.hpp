#pragma once
// Whose eyes a list of 融资对接 is for: an enterprise sees itself, a bank its own deals, a
// government body its region, the operator everything. Derived from the caller's Scope by the
// services (never from anything the client sends); the stores turn it into a condition.
#include <cstdint>
#include <string>

namespace jinfu::finance {

struct Viewer {
  enum class Kind { Enterprise, Bank, Region, All, Nobody };
  Kind kind = Kind::Nobody;
  int64_t id = 0;            // the enterprise or the bank
  std::string regionPrefix;  // a government body's
};

}  // namespace jinfu::finance
