#pragma once
// Collection as the API sends it (docs/collect-api.md): the catalogue, batches, quarantined rows
// (masked for whoever may not read them in full), the timeliness report, an enterprise's facts and
// its change history.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "collect/catalogue.hpp"
#include "collect/collect_store.hpp"
#include "collect/providers.hpp"
#include "collect/timeliness.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"
#include "platform/page.hpp"
#include "platform/xlsx.hpp"

namespace jinfu::collect {

nlohmann::json categoryJson(const Category& c);
// {items}: every category, with the departments that provide it now (`providers`) and whether
// the operator chose them (`providersConfigured`) or they are the catalogue's default.
nlohmann::json catalogueJson(const std::map<std::string, std::vector<ProviderOrg>>& providers,
                             const std::map<std::string, std::vector<int64_t>>& configured);
nlohmann::json batchJson(const BatchRecord& b);
// What a submission answers: {batch, duplicate?}.
nlohmann::json importJson(const BatchRecord& b, bool duplicate);

// The quarantined rows as the caller may read them: the provider that sent them and the operator
// in full (the provider must correct them); anyone else with personal data (法定代表人, 联系人,
// 联系电话) masked by the registry's one masking rule, column by column as the file named them.
class QuarantineView {
 public:
  QuarantineView(const BatchRecord& batch, const auth::Principal& caller);
  QuarantinedRow operator()(QuarantinedRow row) const;

 private:
  std::vector<std::string> header_;
  bool masked_ = false;
  std::vector<std::string> fieldKeys_;  // per file column: the field key, or "" when unknown
};

// A page of quarantined rows, each row's cells keyed by the file's header in the file's order
// (ordered_json), so that a client lays the row out as the provider wrote it.
nlohmann::ordered_json quarantinePageJson(const Page<QuarantinedRow>& page, const QuarantineView& view,
                                          const std::vector<std::string>& header);
// The download of the quarantined rows: the file's columns, then the reasons and the row number,
// so that a provider corrects the cells and sends the file back.
std::vector<xlsx::Column> quarantineColumns(const std::vector<std::string>& header);
std::vector<std::string> quarantineRow(const QuarantinedRow& row, size_t columns);

nlohmann::json timelinessJson(Date asOf, const std::vector<TimelinessRow>& rows);

// An enterprise's facts under each of `shown`, in that order; personal data masked unless `full`.
nlohmann::json factsJson(const std::vector<const Category*>& shown, const std::vector<FactRecord>& facts, bool full);
// One field change of the history; personal data masked unless `full`.
nlohmann::json changeJson(const FieldChange& c, bool full);

}  // namespace jinfu::collect
