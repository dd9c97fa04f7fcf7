// The collect store's reads against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG),
// after batches written through the importer: who sees which batches (a provider its own,
// government and the operator all, anyone else none), filters and paging; which quarantined rows a
// government body sees (those naming an enterprise of its region); an enterprise's current facts
// (newest first, a limit per category) and the receipts the timeliness report counts.
#include <gtest/gtest.h>

#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "collect/provider_store.hpp"
#include "platform/errors.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/db/migrations.hpp"
#include "registry/registry_store.hpp"
#include "test_database.hpp"

namespace jinfu::collect {
namespace {

using namespace std::chrono_literals;
using Kind = auth::DataScope::Kind;

// 2026-11-27 10:00 in Shanghai.
const auto kStart = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 2h;

constexpr const char* kRegistration =
    "统一社会信用代码,企业名称,企业类型,登记状态,法定代表人,注册资本（万元）,成立日期,住所,行政区划代码,行业代码\n"
    "91410800171971661U,焦作市天宝桓祥科技有限公司,有限责任公司,存续,张三,2000,2009-03-16,焦作市示范区迎宾路2666号,410871,C3562\n"
    "91410800MA454807XE,焦作嵩阳光电科技有限公司,有限责任公司,存续,李四,100,2016-08-22,焦作市示范区世纪路2001号,410871,C39\n";

auth::DataScope scope(Kind kind, int64_t organisationId = 0, std::string prefix = "") {
  auth::DataScope s;
  s.kind = kind;
  s.organisationId = organisationId;
  s.regionPrefix = std::move(prefix);
  return s;
}

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{kStart};
  audit::AuditLog audit{*db, clock};
  Importer importer{*db, audit, clock};
  CollectStore store{*db};
  int64_t taxOffice = 0, regulator = 0, tianbao = 0;

  Fixture() {
    db::migrate(*db);
    registry::RegistryStore(*db).insertMissing(
        {{"provider", "国家税务总局焦作市税务局", "税务局", "410800", std::nullopt, std::nullopt},
         {"provider", "焦作市市场监督管理局", "市场监管局", "410800", std::nullopt, std::nullopt}},
        {}, "2026-11-27T10:00:00.000+08:00");
    auto conn = db->lease();
    *conn << "SELECT id FROM organisations WHERE short_name = '税务局'", soci::into(taxOffice);
    *conn << "SELECT id FROM organisations WHERE short_name = '市场监管局'", soci::into(regulator);
    submit(regulator, "registration", kRegistration);
    *conn << "SELECT id FROM enterprises WHERE uscc = '91410800171971661U'", soci::into(tianbao);
  }

  int64_t submit(int64_t provider, const std::string& category, const std::string& text) {
    Submission sub;
    sub.providerId = provider;
    sub.category = category;
    sub.fileName = category + ".csv";
    sub.contentSha256 = auth::sha256Hex(text);
    SourceOptions options;
    auto source = openBuffer(text, options);
    return importer.run(sub, *source, audit::Actor{}).batchId;
  }

  std::vector<int64_t> batchIds(const auth::DataScope& s, const BatchFilter& filter = {}) {
    std::vector<int64_t> out;
    for (const auto& b : store.batches(s, filter, 1, 100).items) out.push_back(b.id);
    return out;
  }
};

TEST(CollectStore, AProviderSeesItsOwnBatchesGovernmentAndOperatorAllAnyoneElseNone) {
  Fixture f;
  f.clock.advance(1h);
  auto tax = f.submit(f.taxOffice, "tax", "统一社会信用代码,所属期,纳税额（元）\n91410800171971661U,2026-09,1000\n");
  auto registration = f.batchIds(scope(Kind::Organisation, f.regulator));
  ASSERT_EQ(registration.size(), 1u);

  auto all = f.batchIds(scope(Kind::All));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], tax) << "newest first";
  EXPECT_EQ(f.batchIds(scope(Kind::Region, 0, "410871")), all);
  EXPECT_EQ(f.batchIds(scope(Kind::Organisation, f.taxOffice)), (std::vector<int64_t>{tax}));
  EXPECT_TRUE(f.batchIds(scope(Kind::Organisation, f.taxOffice + f.regulator + 100)).empty()) << "a bank: none";
  EXPECT_TRUE(f.batchIds(scope(Kind::Enterprise, f.tianbao)).empty()) << "an enterprise: none";

  EXPECT_TRUE(f.store.batch(scope(Kind::Organisation, f.taxOffice), tax));
  EXPECT_FALSE(f.store.batch(scope(Kind::Organisation, f.taxOffice), registration[0])) << "another provider's batch";
  EXPECT_FALSE(f.store.batch(scope(Kind::All), 999999));

  auto b = *f.store.batch(scope(Kind::All), tax);
  EXPECT_EQ(b.providerId, f.taxOffice);
  EXPECT_EQ(b.providerName, "国家税务总局焦作市税务局");
  EXPECT_EQ(b.category, "tax");
  EXPECT_EQ(b.fileName, "tax.csv");
  EXPECT_EQ(b.header, (std::vector<std::string>{"统一社会信用代码", "所属期", "纳税额（元）"}));
  EXPECT_EQ(b.rowsTotal, 1);
  EXPECT_EQ(b.rowsAccepted, 1);
  EXPECT_TRUE(b.completedAt);
  EXPECT_FALSE(b.resubmitOf);

  BatchFilter byCategory;
  byCategory.category = "registration";
  EXPECT_EQ(f.batchIds(scope(Kind::All), byCategory), registration);
  BatchFilter byProvider;
  byProvider.providerId = f.taxOffice;
  EXPECT_EQ(f.batchIds(scope(Kind::All), byProvider), (std::vector<int64_t>{tax}));
  auto second = f.store.batches(scope(Kind::All), {}, 2, 1);
  EXPECT_EQ(second.total, 2);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, registration[0]);
}

TEST(CollectStore, GovernmentSeesOnlyTheQuarantinedRowsNamingAnEnterpriseOfItsRegion) {
  Fixture f;
  auto id = f.submit(f.taxOffice, "tax",
                     "统一社会信用代码,所属期,纳税额（元）\n"
                     "91410800171971661U,2026-13,1000\n"   // the zone's enterprise, a month that does not exist
                     "91350100M000100Y43,2026-09,1000\n"   // valid, but no enterprise of the registry
                     "91410800MA454807XE,2026-09,500\n");  // fine
  EXPECT_EQ(f.store.quarantinedTotal(id), 2);
  auto provider = f.store.quarantine(scope(Kind::Organisation, f.taxOffice), id, 1, 20);
  ASSERT_EQ(provider.total, 2);
  EXPECT_EQ(provider.items[0].rowNumber, 2);
  EXPECT_EQ(provider.items[0].cells, (std::vector<std::string>{"91410800171971661U", "2026-13", "1000"}));
  EXPECT_EQ(provider.items[1].rowNumber, 3);
  EXPECT_EQ(f.store.quarantine(scope(Kind::All), id, 1, 20).total, 2);

  for (const auto& prefix : {"410871", "4108"}) {
    auto gov = f.store.quarantine(scope(Kind::Region, 0, prefix), id, 1, 20);
    ASSERT_EQ(gov.total, 1) << prefix;
    EXPECT_EQ(gov.items[0].rowNumber, 2) << prefix;
  }
  EXPECT_EQ(f.store.quarantine(scope(Kind::Region, 0, "4109"), id, 1, 20).total, 0) << "another city";

  // Paging, and the same rows one by one.
  auto page2 = f.store.quarantine(scope(Kind::All), id, 2, 1);
  EXPECT_EQ(page2.total, 2);
  ASSERT_EQ(page2.items.size(), 1u);
  EXPECT_EQ(page2.items[0].rowNumber, 3);
  std::vector<int64_t> rows;
  f.store.forEachQuarantined(scope(Kind::Region, 0, "410871"), id, [&](const QuarantinedRow& r) { rows.push_back(r.rowNumber); });
  EXPECT_EQ(rows, (std::vector<int64_t>{2}));
}

TEST(CollectStore, AnEnterprisesFactsNewestFirstLimitedPerCategoryAndTheReceiptsCounted) {
  Fixture f;
  f.submit(f.taxOffice, "tax",
           "统一社会信用代码,所属期,纳税额（元）\n"
           "91410800171971661U,2026-07,700\n"
           "91410800171971661U,2026-09,900\n"
           "91410800171971661U,2026-08,800\n"
           "91410800MA454807XE,2026-09,500\n");
  auto tax = f.store.facts(f.tianbao, "tax", 2);
  ASSERT_EQ(tax.size(), 2u);
  EXPECT_EQ(tax[0].factDate, std::optional<std::string>("2026-09-30"));
  EXPECT_EQ(tax[1].factDate, std::optional<std::string>("2026-08-31"));
  EXPECT_EQ(tax[0].providerId, f.taxOffice);
  EXPECT_EQ(tax[0].rowNumber, 3);
  EXPECT_NE(tax[0].valuesJson.find("\"taxPaid\":90000"), std::string::npos) << tax[0].valuesJson;
  EXPECT_EQ(f.store.facts(f.tianbao, "tax", 10).size(), 3u);
  auto registration = f.store.facts(f.tianbao, "registration", 10);
  ASSERT_EQ(registration.size(), 1u);
  EXPECT_EQ(registration[0].providerId, f.regulator);
  EXPECT_TRUE(f.store.history(f.tianbao).empty()) << "nothing has changed yet";

  // Receipts: facts with a date of their own (registration has none), per provider, category,
  // fact date and day received; a provider counts its own only, an enterprise none.
  std::vector<std::pair<std::string, int64_t>> counted;
  for (const auto& r : f.store.receipts(scope(Kind::All))) {
    EXPECT_EQ(r.receivedOn, "2026-11-27");
    EXPECT_EQ(r.providerId, f.taxOffice);
    EXPECT_EQ(r.category, "tax");
    counted.emplace_back(r.factDate, r.count);
  }
  EXPECT_EQ(counted, (std::vector<std::pair<std::string, int64_t>>{{"2026-07-31", 1}, {"2026-08-31", 1}, {"2026-09-30", 2}}));
  EXPECT_EQ(f.store.receipts(scope(Kind::Organisation, f.taxOffice)).size(), 3u);
  EXPECT_TRUE(f.store.receipts(scope(Kind::Organisation, f.regulator)).empty());
  EXPECT_TRUE(f.store.receipts(scope(Kind::Enterprise, f.tianbao)).empty());
}

}  // namespace
}  // namespace jinfu::collect

namespace jinfu::collect {
namespace {

// Who provides each category: the catalogue's default until the operator chooses, and the
// importer refusing (422, nothing stored) a department that does not provide the category.
TEST(ProviderStore, DefaultThenChosenProvidersAndTheImporterFollowsThem) {
  Fixture f;
  {
    auto conn = f.db->lease();
    EXPECT_TRUE(ProviderStore::configured(*conn).empty());
    auto tax = ProviderStore::of(*conn, "tax");
    ASSERT_EQ(tax.size(), 1u);
    EXPECT_EQ(tax[0].id, f.taxOffice);
    EXPECT_EQ(ProviderStore::all(*conn, ProviderStore::configured(*conn))["registration"].front().id, f.regulator);
  }
  const std::string taxFile = "统一社会信用代码,所属期,纳税额（元）\n91410800171971661U,2026-09,1000\n";
  auto before = f.batchIds(scope(Kind::All));
  try {
    f.submit(f.regulator, "tax", taxFile);
    ADD_FAILURE() << "the market regulator submitted 纳税";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "provider");
    EXPECT_NE(e.errors()[0].message.zh.find("国家税务总局焦作市税务局"), std::string::npos) << e.errors()[0].message.zh;
  }
  EXPECT_EQ(f.batchIds(scope(Kind::All)), before) << "nothing stored";

  f.db->transaction([&](soci::session& tx) { ProviderStore::set(tx, "tax", {f.regulator, f.taxOffice}); });
  {
    auto conn = f.db->lease();
    EXPECT_EQ(ProviderStore::configured(*conn)["tax"], (std::vector<int64_t>{std::min(f.regulator, f.taxOffice),
                                                                            std::max(f.regulator, f.taxOffice)}));
    EXPECT_EQ(ProviderStore::of(*conn, "tax").size(), 2u);
  }
  EXPECT_GT(f.submit(f.regulator, "tax", taxFile), 0);

  // Set again: replaced, not added to.
  f.db->transaction([&](soci::session& tx) { ProviderStore::set(tx, "tax", {f.taxOffice}); });
  auto conn = f.db->lease();
  auto tax = ProviderStore::of(*conn, "tax");
  ASSERT_EQ(tax.size(), 1u);
  EXPECT_EQ(tax[0].id, f.taxOffice);
}

}  // namespace
}  // namespace jinfu::collect
