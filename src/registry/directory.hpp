#pragma once
// What other capabilities may ask the registry about market entities, without reading its
// tables: an enterprise's id by USCC and its name, region and founding date. Everything here
// runs on the caller's open session or transaction, so a batch sees what it has just written.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci { class session; class statement; }

namespace jinfu::registry {

struct EnterpriseName {
  int64_t id = 0;
  std::string uscc, name, regionCode;
  std::optional<std::string> establishedOn;  // YYYY-MM-DD
};

class Directory {
 public:
  static std::optional<int64_t> enterpriseIdByUscc(soci::session& s, std::string_view uscc);
  static std::optional<EnterpriseName> enterprise(soci::session& s, int64_t id);
  static std::optional<EnterpriseName> enterpriseByUscc(soci::session& s, std::string_view uscc);
  // The enterprises founded by `asOfDate` (YYYY-MM-DD) in id order: how many, and up to `limit`
  // of them after `afterId` (a scoring run walks them a chunk at a time).
  static int64_t countFoundedBy(soci::session& s, const std::string& asOfDate);
  static std::vector<EnterpriseName> foundedByAfter(soci::session& s, int64_t afterId, int limit,
                                                    const std::string& asOfDate);

  // enterpriseIdByUscc prepared once, for a loop over many rows (an import).
  class UsccLookup {
   public:
    explicit UsccLookup(soci::session& s);
    ~UsccLookup();
    std::optional<int64_t> operator()(std::string_view uscc);

   private:
    std::string uscc_;
    long long id_ = 0;
    struct Prepared;
    std::unique_ptr<Prepared> prepared_;
  };
};

}  // namespace jinfu::registry
