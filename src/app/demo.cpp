#include "app/demo.hpp"

#include <map>

#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "credit/credit_service.hpp"
#include "collect/validate.hpp"
#include "collect/catalogue.hpp"
#include "collect/values.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/organisation_directory.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/embedded.hpp"
#include "registry/demo.hpp"

namespace jinfu {
namespace {

struct DemoFile {
  const char* category;
  const char* provider;  // short name
  int delayWorkdays;     // monthly: received this many working days after the month's end; 0 = now
  int lateEveryNthMonth = 0;  // …except every n-th month, received 25 working days late
};

constexpr DemoFile kFiles[] = {
    {"registration", "市场监管局", 0},  {"tax", "税务局", 10},           {"social_insurance", "人社局", 12},
    {"housing_fund", "公积金中心", 8},  {"utilities", "供电公司", 6, 3}, {"penalty", "市场监管局", 0},
    {"judicial", "焦作中院", 0},        {"abnormal_list", "市场监管局", 0}, {"ip", "市场监管局", 0},
    {"honour", "市工信局", 0},
};

std::string csvCell(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + csvCell(cells[i]);
  return line + "\n";
}

int64_t providerId(db::Database& db, const std::string& shortName) {
  auto conn = db.lease();
  auto id = auth::OrganisationDirectory::providerId(*conn, shortName);
  if (!id) throw std::invalid_argument("演示数据缺少提供部门：" + shortName);
  return *id;
}

std::chrono::system_clock::time_point tenOClock(Date d) {
  return std::chrono::sys_days(d.sysDays()) + std::chrono::hours(2);  // 10:00 in Shanghai
}

}  // namespace

DemoLoad loadDemo(db::Database& db, const Clock& clock, bool withCollection) {
  DemoLoad load;
  auto registry = registry::loadDemo(db, rfc3339Shanghai(clock.now()));
  load.organisations = registry.organisations;
  load.enterprises = registry.enterprises;
  if (!withCollection) return load;

  audit::Actor actor = audit::commandLineActor();
  const auto& calendar = WorkCalendar::official();
  for (const auto& file : kFiles) {
    std::string path = std::string("data/demo/collect/") + file.category + ".csv";
    auto content = embedded::find(path);
    if (!content) throw std::invalid_argument("缺少演示数据文件 " + path);
    const collect::Category* category = collect::findCategory(file.category);
    int64_t provider = providerId(db, file.provider);

    // Batches to submit: the whole file, or one per month (by the raw period cell).
    std::vector<std::pair<std::string, std::string>> batches;  // period (or "") → CSV text
    collect::SourceOptions options;
    auto source = collect::openBuffer(*content, options);
    std::string headerLine = csvLine(source->header());
    if (file.delayWorkdays == 0) {
      batches.emplace_back("", std::string(*content));
    } else {
      auto mapped = collect::mapHeader(*category, source->header());
      size_t periodColumn = 0;
      for (size_t i = 0; i < mapped.map.fieldOfColumn.size(); ++i)
        if (mapped.map.fieldOfColumn[i] >= 0 &&
            category->fields[static_cast<size_t>(mapped.map.fieldOfColumn[i])].key == "period")
          periodColumn = i;
      std::map<std::string, std::string> byPeriod;  // normalised month → CSV text
      collect::SourceRow row;
      while (source->next(row)) {
        std::string month;
        if (row.cells.size() <= periodColumn || collect::parseMonth(row.cells[periodColumn], month)) month = "bad";
        auto& text = byPeriod[month];
        if (text.empty()) text = headerLine;
        text += csvLine(row.cells);
      }
      for (auto& [month, text] : byPeriod) batches.emplace_back(month, std::move(text));
    }

    int monthIndex = 0;
    for (auto& [month, text] : batches) {
      ManualClock received(clock.now());
      if (!month.empty() && month != "bad") {
        auto end = Date::parse(collect::periodEnd(month));
        if (end) {
          ++monthIndex;
          bool late = file.lateEveryNthMonth && monthIndex % file.lateEveryNthMonth == 0;
          auto at = tenOClock(calendar.addWorkdays(*end, late ? 25 : file.delayWorkdays));
          if (at < clock.now()) received.set(at);
        }
      }
      collect::Submission sub;
      sub.providerId = provider;
      sub.category = file.category;
      sub.source = "cli";
      sub.fileName = month.empty() || month == "bad" ? std::string(file.category) + ".csv"
                                                     : std::string(file.category) + "-" + month + ".csv";
      sub.contentSha256 = auth::sha256Hex(text);
      auto rows = collect::openBuffer(text, options);
      // The batch is received "then"; the audit trail records when it really happened.
      audit::AuditLog audit(db, clock);
      collect::Importer importer(db, audit, received);
      auto result = importer.run(sub, *rows, actor);
      if (result.duplicate) continue;
      auth::DataScope everything;
      everything.kind = auth::DataScope::Kind::All;
      auto batch = collect::CollectStore(db).batch(everything, result.batchId);
      ++load.batches;
      load.facts += batch->rowsAccepted;
      load.quarantined += batch->rowsQuarantined;
    }
  }

  // Two scoring runs, half a year apart, so that the government's distribution page has a drift
  // to show and every enterprise a score history. Only on a database that has none yet.
  credit::CreditService credit(db, clock);
  if (credit.store().runs(1).empty()) {
    Date today = shanghaiDate(clock.now());
    auto earlier = Date::fromYmd(today.month() > 6 ? today.year() : today.year() - 1,
                                 today.month() > 6 ? today.month() - 6 : today.month() + 6, 1);
    credit.runAll(nullptr, earlier->plusDays(-1), 2000, nullptr);
    credit.runAll(nullptr, std::nullopt, 2000, nullptr);
    load.scoringRuns = 2;
  }
  return load;
}

}  // namespace jinfu
