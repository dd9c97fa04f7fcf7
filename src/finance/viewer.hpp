#pragma once
// Whose eyes a list of 融资对接 is for: an enterprise sees itself, a bank its own deals, a
// government body its region, the operator everything. Derived from the caller's Scope by the
// services (never from anything the client sends); the stores turn it into a condition.
#include <cstdint>
#include <optional>
#include <string>

namespace jinfu::finance {

struct Viewer {
  enum class Kind { Enterprise, Bank, Region, All, Nobody };
  Kind kind = Kind::Nobody;
  int64_t id = 0;            // the enterprise or the bank
  std::string regionPrefix;  // a government body's

  // Whether this viewer sees one deal of enterprise `enterpriseId`: the single-row form of the
  // condition the stores write into a list's query. `bankSees(bankId)` and `regionOf()` (the
  // deal's region code, which may take a lookup) are asked only of a bank and of a government body.
  template <class BankSees, class RegionOf>
  bool sees(int64_t enterpriseId, BankSees&& bankSees, RegionOf&& regionOf) const {
    switch (kind) {
      case Kind::Enterprise: return enterpriseId == id;
      case Kind::Bank: return bankSees(id);
      case Kind::Region: {
        std::optional<std::string> region = regionOf();
        return region && region->rfind(regionPrefix, 0) == 0;
      }
      case Kind::All: return true;
      case Kind::Nobody: return false;
    }
    return false;
  }
};

}  // namespace jinfu::finance
