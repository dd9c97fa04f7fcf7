#include "collect/importer.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <unordered_map>

#include "collect/batch_store.hpp"
#include "collect/provider_store.hpp"
#include "collect/catalogue.hpp"
#include "collect/validate.hpp"
#include "platform/audit/actions.hpp"
#include "platform/auth/organisation_directory.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/errors.hpp"
#include "platform/text.hpp"
#include "platform/uscc.hpp"
#include "platform/xlsx.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::collect {
namespace {

using nlohmann::json;

json problemJson(const std::string& column, const std::string& value, const LocalText& reason) {
  return {{"column", column}, {"value", value}, {"reason", {{"zh", reason.zh}, {"en", reason.en}}}};
}

std::optional<std::string> optText(const json& v, const char* key) {
  auto it = v.find(key);
  if (it == v.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<int64_t> optNumber(const json& v, const char* key) {
  auto it = v.find(key);
  if (it == v.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

registry::Registration registrationOf(const Fact& fact) {
  json v = json::parse(fact.valuesJson);
  registry::Registration r;
  r.uscc = fact.uscc;
  r.name = optText(v, "name").value_or("");
  r.status = optText(v, "status").value_or("operating");
  r.establishedOn = optText(v, "establishedOn").value_or("");
  r.regionCode = optText(v, "regionCode").value_or("");
  r.industryCode = optText(v, "industryCode").value_or("");
  r.entityType = optText(v, "entityType");
  r.legalRepresentative = optText(v, "legalRepresentative");
  r.address = optText(v, "address");
  r.parkName = optText(v, "parkName");
  r.contactName = optText(v, "contactName");
  r.contactMobile = optText(v, "contactMobile");
  r.registeredCapitalFen = optNumber(v, "registeredCapital");
  r.employees = optNumber(v, "employees");
  r.annualRevenueFen = optNumber(v, "annualRevenue");
  r.totalAssetsFen = optNumber(v, "totalAssets");
  return r;
}

ApiError unusable(std::string code, LocalText detail) {
  return ApiError(422, std::move(code), statusTitle(422), std::move(detail));
}

}  // namespace

std::string safeFileName(std::string_view name) {
  auto cut = name.find_last_of("/\\");
  if (cut != std::string_view::npos) name.remove_prefix(cut + 1);
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < name.size() && chars < 200;) {
    char32_t c = text::decodeUtf8(name, i);
    if (c < 0x20 || c == 0x7F || c == text::kReplacement) continue;
    text::appendUtf8(c, out);
    ++chars;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.empty() ? "未命名" : out;
}

ImportResult Importer::run(const Submission& submission, TableSource& source, const audit::Actor& actor,
                           const std::function<void(int64_t)>& rowsRead) {
  const Category* category = findCategory(submission.category);
  auto refuse = [&](ApiError error) {
    audit_.record(actor, {std::string(audit::action::kCollectSubmit), "failure", "collect_batch", "", std::nullopt,
                          std::nullopt,
                          safeFileName(submission.fileName) + "：" + error.detail().zh});
    throw error;
  };
  if (!category)
    refuse(ApiError::validation({{"category", {"数据类别「" + submission.category + "」不存在，请查看数据目录。",
                                               "Unknown category \"" + submission.category + "\"."}}}));

  const std::string fileName = safeFileName(submission.fileName);
  const std::string receivedAt = rfc3339Shanghai(clock_.now());
  const std::string receivedOn = receivedAt.substr(0, 10);

  // Everything that can refuse the file as a whole is checked before the transaction begins
  // where possible; the header is read here so that a file without one costs no write lock.
  HeaderResult mapped;
  std::vector<std::string> header;
  try {
    header = source.header();
    mapped = mapHeader(*category, header);
  } catch (const SourceError& e) {
    refuse(unusable("file_unreadable", e.text()));
  }
  if (mapped.problem) refuse(unusable("header_unusable", *mapped.problem));

  const std::string encoding = source.encodingName();
  auto findDuplicate = [&](soci::session& s) {
    return BatchStore::findDuplicate(s, submission.providerId, submission.category, submission.contentSha256, encoding);
  };

  std::optional<ImportResult> result;
  BatchCounts counts;
  try {
    result = runner_.write(actor, [&](soci::session& s, command::Effects& effects) -> ImportResult {
      // The provider: an organisation of kind provider (the operator may submit on its behalf).
      if (auth::OrganisationDirectory::kindOf(s, submission.providerId) != "provider")
        throw ApiError::validation({{"provider", {"提供部门不存在或不是数据提供部门。",
                                                  "The provider does not exist or is not a data provider."}}});
      // …and one that provides this category (the HTTP route refuses a provider earlier, with 403).
      if (auto providers = ProviderStore::of(s, submission.category); !provides(providers, submission.providerId))
        throw ApiError::validation({{"provider", {"该部门不是「" + category->zh + "」数据的提供部门；该类别由" +
                                                      namesOf(providers) + "提供。",
                                                  "The organisation does not provide " + category->code + " data."}}});
      if (auto existing = findDuplicate(s)) {
        effects.audit({std::string(audit::action::kCollectSubmit), "success", "collect_batch", std::to_string(*existing),
                       std::nullopt, std::nullopt, fileName + "：与已提交批次内容相同，未重复入库"});
        return {*existing, true};
      }
      if (submission.resubmitOf) {
        auto corrected = BatchStore::owner(s, *submission.resubmitOf);
        if (!corrected || corrected->first != submission.providerId || corrected->second != submission.category)
          throw ApiError::validation({{"resubmitOf", {"被更正的批次不存在，或不属于同一提供部门和数据类别。",
                                                      "The corrected batch does not exist or belongs to another "
                                                      "provider or category."}}});
      }

      BatchStore::insert(s, {submission.providerId, submission.category, submission.source, fileName,
                             std::string(formatName(submission.format)), encoding, submission.contentSha256,
                             json(header).dump(), json(mapped.map.unknownColumns).dump(), submission.resubmitOf,
                             submission.submittedBy, receivedAt});
      auto batchId = findDuplicate(s);
      if (!batchId) throw std::runtime_error("batch insert not visible");

      RowStatements st(s);
      st.batchId = *batchId;
      st.providerId = submission.providerId;
      st.category = submission.category;
      st.receivedAt = receivedAt;
      const bool registration = submission.category == "registration";
      std::unordered_map<std::string, long long> enterpriseIds;  // bounded: cleared when large

      // The file's own header and cell for a catalogue field, as the provider will look for them.
      auto columnName = [&](int field) -> std::string {
        if (field < 0) return "";
        int column = mapped.map.columnOfField[static_cast<size_t>(field)];
        return column < 0 ? category->fields[static_cast<size_t>(field)].zh : header[static_cast<size_t>(column)];
      };
      auto cellOf = [&](const SourceRow& row, int field) -> std::string {
        if (field < 0) return "";
        int column = mapped.map.columnOfField[static_cast<size_t>(field)];
        return column < 0 || static_cast<size_t>(column) >= row.cells.size() ? "" : row.cells[static_cast<size_t>(column)];
      };
      auto quarantineRow = [&](const SourceRow& row, const json& problems) {
        st.rowNumber = row.number;
        auto code = Uscc::parse(cellOf(row, mapped.map.usccFieldIndex));
        st.rowUscc = code ? std::string(code.value().str()) : std::string();
        st.rowUsccInd = code ? soci::i_ok : soci::i_null;
        st.cells = json(row.cells).dump(-1, ' ', false, json::error_handler_t::replace);
        st.problems = problems.dump(-1, ' ', false, json::error_handler_t::replace);
        st.quarantine.execute(true);
        ++counts.quarantined;
      };

      SourceRow row;
      try {
        while (source.next(row)) {
          ++counts.total;
          if (rowsRead && counts.total % kRowsPerReport == 0) rowsRead(counts.total);
          // A corrected quarantine file: take back the apostrophe our download put before text a
          // spreadsheet could read as a formula, so that "=1+1" is stored as the provider sent it.
          if (submission.resubmitOf)
            for (auto& cell : row.cells) cell = xlsx::originalCellText(std::move(cell));
          if (row.problem) {
            quarantineRow(row, json::array({problemJson("", "", *row.problem)}));
            continue;
          }
          RowResult checked = validateRow(*category, mapped.map, header, row.cells);
          if (!checked.fact) {
            json problems = json::array();
            for (const auto& p : checked.problems) problems.push_back(problemJson(p.column, p.value, p.reason));
            quarantineRow(row, problems);
            continue;
          }
          const Fact& fact = *checked.fact;
          st.rowNumber = row.number;
          st.key = fact.key;
          st.factDate = fact.factDate;
          st.factDateInd = fact.factDate.empty() ? soci::i_null : soci::i_ok;
          st.vals = fact.valuesJson;
          st.hash = fact.contentHash;

          // Which enterprise: registration data may create it; everything else must find it.
          std::optional<long long> enterprise;
          if (auto it = enterpriseIds.find(fact.uscc); it != enterpriseIds.end()) enterprise = it->second;
          else {
            st.uscc = fact.uscc;
            enterprise = st.findEnterprise(st.uscc);
            if (enterprise) {
              if (enterpriseIds.size() > 100000) enterpriseIds.clear();
              enterpriseIds.emplace(fact.uscc, *enterprise);
            }
          }
          std::optional<registry::Registration> reg;
          if (registration) reg = registrationOf(fact);
          // A registration takes effect on its approval date (the fact's date), else on receipt.
          const std::string effectiveOn = fact.factDate.empty() ? receivedOn : fact.factDate;

          if (!enterprise && !registration) {
            quarantineRow(row, json::array({problemJson(
                                   columnName(mapped.map.usccFieldIndex), cellOf(row, mapped.map.usccFieldIndex),
                                   {"企业库中没有统一社会信用代码为 " + fact.uscc +
                                        " 的企业；请先由市场监管部门报送其登记注册信息。",
                                    "No enterprise with USCC " + fact.uscc +
                                        " is registered; its registration data must arrive first."})}));
            continue;
          }
          // Registration rows write the enterprise too; a row the registry cannot place is
          // quarantined, and the savepoint takes back whatever it had written.
          if (registration) BatchStore::savepoint(s);
          try {
            bool created = false;  // the enterprise was just written from this very row
            if (!enterprise) {
              enterprise = registry::RegistryStore::upsertRegistration(s, *reg, effectiveOn, receivedAt);
              enterpriseIds.emplace(fact.uscc, *enterprise);
              created = true;
            }
            st.enterpriseId = *enterprise;
            st.insertFact.execute(true);
            enum class Outcome { New, Changed, Unchanged } outcome = Outcome::New;
            if (st.insertFact.get_affected_rows() != 1) {
              st.findFact.execute(true);
              if (st.foundBatch == st.batchId) {
                bool same = st.foundHash == fact.contentHash;
                if (registration) BatchStore::release(s);
                quarantineRow(
                    row, json::array({problemJson(
                             "", "",
                             same ? LocalText{"与本批次第 " + std::to_string(st.foundRow) + " 行重复。",
                                              "Duplicates row " + std::to_string(st.foundRow) + " of this batch."}
                                  : LocalText{"与本批次第 " + std::to_string(st.foundRow) +
                                                  " 行是同一企业的同一事项，但内容不同；请核对后只保留一行。",
                                              "Same enterprise and item as row " + std::to_string(st.foundRow) +
                                                  " of this batch, with different values."})}));
                continue;
              }
              if (st.foundHash == fact.contentHash) {
                outcome = Outcome::Unchanged;
              } else {
                st.factId = st.foundId;
                st.keepHistory.execute(true);
                st.updateFact.execute(true);
                outcome = Outcome::Changed;
              }
            }
            if (registration && !created && outcome != Outcome::Unchanged)
              registry::RegistryStore::upsertRegistration(s, *reg, effectiveOn, receivedAt);
            if (registration) BatchStore::release(s);
            // Counted only now: a registration row taken back by the savepoint counts as quarantined.
            if (outcome == Outcome::Unchanged) ++counts.unchanged;
            else ++counts.accepted;
            if (outcome == Outcome::Changed) ++counts.superseding;
          } catch (const ApiError& e) {
            if (!registration) throw;
            BatchStore::rollback(s);
            enterpriseIds.erase(fact.uscc);
            json problems = json::array();
            for (const auto& fe : e.errors()) {
              int field = fieldIndex(*category, fe.field);
              problems.push_back(problemJson(columnName(field), cellOf(row, field), fe.message));
            }
            if (problems.empty()) problems.push_back(problemJson("", "", e.detail()));
            quarantineRow(row, problems);
          }
        }
      } catch (const SourceError& e) {
        throw unusable("file_unreadable", e.text());
      }
      if (counts.total == 0)
        throw unusable("file_empty", {"文件只有表头，没有数据行。", "The file has a header but no data rows."});

      std::string completedAt = rfc3339Shanghai(clock_.now());
      BatchStore::complete(s, *batchId, counts, completedAt);
      json after = {{"category", submission.category}, {"fileName", fileName},    {"rowsTotal", counts.total},
                    {"rowsAccepted", counts.accepted},  {"rowsUnchanged", counts.unchanged},
                    {"rowsQuarantined", counts.quarantined}, {"contentSha256", submission.contentSha256}};
      effects.audit({std::string(audit::action::kCollectSubmit), "success", "collect_batch", std::to_string(*batchId),
                     std::nullopt, after.dump(), fileName});
      return {*batchId, false};
    });
  } catch (const ApiError& e) {
    if (e.status() == 422) refuse(e);
    throw;
  } catch (const soci::soci_error&) {
    // Two identical submissions at once on PostgreSQL: the second waits on the unique key and
    // fails when the first commits. It is a duplicate, not an error.
    auto conn = db_.lease();
    if (auto existing = findDuplicate(*conn)) return {*existing, true};
    throw;
  }
  return *result;
}

}  // namespace jinfu::collect
