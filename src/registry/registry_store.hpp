#pragma once
// The registry's tables, reached only through this store.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"

namespace jinfu::db { class Database; }

namespace jinfu::registry {

struct Summary {
  int64_t enterprises = 0;
  int64_t banks = 0;
  int64_t parks = 0;
};

struct NewOrganisation {
  std::string kind;   // operator, government, bank, enterprise, provider, park
  std::string name;
  std::string shortName;
  std::string regionCode;
  std::optional<std::string> parentName;
  std::optional<std::string> uscc;  // an enterprise organisation: its market entity
};

struct NewEnterprise {
  std::string uscc;   // normalised and valid
  std::string name;
  std::string regionCode;
  std::string industrySection;
  std::string industryDivision;
  std::string sizeClass;      // large, medium, small, micro
  std::string establishedOn;  // YYYY-MM-DD
  int64_t registeredCapitalFen = 0;
  std::optional<int64_t> employees;
  std::optional<int64_t> annualRevenueFen;
  std::optional<int64_t> totalAssetsFen;
  std::string status;         // operating, revoked, cancelled, moved_out
  std::optional<std::string> parkName;
  std::string address;
};

struct EnterpriseRecord {
  int64_t id = 0;
  std::string uscc, name, regionCode, industrySection, industryDivision, sizeClass, establishedOn, status, address;
  int64_t registeredCapitalFen = 0;
  std::optional<int64_t> employees;
  std::optional<std::string> parkName;
};

class RegistryStore {
 public:
  explicit RegistryStore(db::Database& db) : db_(db) {}

  Summary summary();
  // One market entity, if it lies in the caller's scope: an enterprise sees itself, a
  // government body its region, the platform everything; banks, providers and parks see no
  // profile here (a bank's access comes with the enterprise's consent).
  std::optional<EnterpriseRecord> enterprise(const auth::DataScope& scope, int64_t id);
  bool empty();

  // Inserts what is not there yet (organisations by name, enterprises by USCC) in one
  // transaction, and returns how many rows were new. Running it twice adds nothing.
  struct Inserted {
    int organisations = 0;
    int enterprises = 0;
  };
  Inserted insertMissing(const std::vector<NewOrganisation>& organisations,
                         const std::vector<NewEnterprise>& enterprises, const std::string& now);

 private:
  db::Database& db_;
};

}  // namespace jinfu::registry
