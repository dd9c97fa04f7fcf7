#pragma once
// The registry's tables: written only through this store. Other capabilities read them through
// registry/directory.hpp; some of their stores still join `enterprises` for scope and statistics
// (credit, collect, finance — issue 13).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/page.hpp"
#include "platform/auth/principal.hpp"
#include "platform/fwd.hpp"

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

struct FormerName {
  std::string name;
  std::string until;  // the date it stopped being the name
};

struct EnterpriseRecord {
  int64_t id = 0;
  std::string uscc, name, regionCode, industrySection, industryDivision, establishedOn, status, address;
  std::optional<std::string> industryCode, sizeClass, sizeRule, entityType, legalRepresentative, contactName,
      contactMobile, updatedAt;
  std::optional<int64_t> registeredCapitalFen, employees, annualRevenueFen, totalAssetsFen, parkId;
  std::optional<std::string> parkName;
  std::vector<FormerName> formerNames;  // filled by enterprise(), not by search()
};

// What registration data (登记注册) says about a market entity: the one way an enterprise's
// master data is written, whether it arrives in a batch or with the demo.
struct Registration {
  std::string uscc, name, status, establishedOn, regionCode;
  std::string industryCode;  // GB/T 4754: "C3562", "3562", "C35" or "35"
  std::optional<std::string> entityType, legalRepresentative, address, parkName, contactName, contactMobile;
  std::optional<int64_t> registeredCapitalFen, employees, annualRevenueFen, totalAssetsFen;
};

// Personal data in registration facts (法定代表人, 联系人, 联系电话) is shown in full only to the
// enterprise itself and the platform operator; everyone else sees it masked — wherever it appears
// (profile, collected facts, change history).
bool seesPersonalData(const auth::DataScope& scope);
// `value` masked for a registration field key when the caller may not see it in full.
std::string maskedField(std::string_view field, const std::string& value, bool full);

struct EnterpriseFilter {
  std::string q;        // name substring, pinyin, pinyin initials or USCC (prefix)
  std::string region;   // GB/T 2260 code or prefix
  std::string industry; // section letter or two-digit division
  std::string size, status;
  std::optional<int64_t> parkId;
  std::string sort = "name";  // name | establishedOn | registeredCapital | updatedAt
  bool descending = false;
  std::optional<std::vector<int64_t>> within;  // only these enterprises (a bank's consented ones)
  // Also match the parts of `q` typed apart or behind a place, in order ("焦作天宝"). The store
  // tries this only when `q` as a whole matches nothing: it scans, where the whole uses the index.
  bool nameInParts = false;
};

using EnterprisePage = Page<EnterpriseRecord>;

class RegistryStore {
 public:
  explicit RegistryStore(db::Database& db) : db_(db) {}

  Summary summary();

  struct Bank {
    int64_t id = 0;
    std::string name;
    std::optional<std::string> shortName;
  };
  // The enabled bank branches on the platform (合作银行), by name.
  std::vector<Bank> banks();
  // One market entity, if it lies in the caller's scope: an enterprise sees itself, a
  // government body its region, the platform everything; banks, providers and parks see no
  // profile here (a bank's access comes with the enterprise's consent).
  std::optional<EnterpriseRecord> enterprise(const auth::DataScope& scope, int64_t id);
  bool empty();

  // Search within the scope; page from 1. Banks, providers and parks see nothing here.
  EnterprisePage search(const auth::DataScope& scope, const EnterpriseFilter& filter, int page, int pageSize);
  // Calls `each` for every match in order, at most `limit` rows (search() gives the total).
  void forEach(const auth::DataScope& scope, const EnterpriseFilter& filter, size_t limit,
                  const std::function<void(const EnterpriseRecord&)>& each);

  // Creates the enterprise, or brings it up to date with newer registration data (a changed
  // name is kept as a former name until `effectiveOn`). Derived fields — section and division,
  // size class with its rule, pinyin — are computed here and nowhere else. Throws ApiError 422
  // with the reason when the data cannot be placed (unknown park, industry code without a
  // division) — the importer turns it into a quarantined row.
  static int64_t upsertRegistration(soci::session& tx, const Registration& r, const std::string& effectiveOn,
                                    const std::string& now);

  // Inserts what is not there yet (organisations by name, enterprises by USCC) in one
  // transaction, and returns how many rows were new. Running it twice adds nothing.
  struct Inserted {
    int organisations = 0;
    int enterprises = 0;
  };
  Inserted insertMissing(const std::vector<NewOrganisation>& organisations,
                         const std::vector<Registration>& enterprises, const std::string& now);

 private:
  EnterprisePage searchOnce(const auth::DataScope& scope, const EnterpriseFilter& filter, int page, int pageSize);
  db::Database& db_;
};

}  // namespace jinfu::registry
