// The batch pipeline against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG): a batch
// is stored whole or not at all, the same content is never applied twice, changed facts keep
// their history, rows about unknown enterprises are quarantined, registration data creates and
// renames enterprises, and two identical submissions at once store one batch.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "registry/registry_store.hpp"
#include "test_database.hpp"

namespace jinfu::collect {
namespace {

using namespace std::chrono_literals;

// 2026-11-27 10:00 in Shanghai.
const auto kStart = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 2h;

constexpr const char* kRegistration =
    "统一社会信用代码,企业名称,企业类型,登记状态,法定代表人,注册资本（万元）,成立日期,住所,行政区划代码,行业代码,从业人员,"
    "营业收入（万元）\n"
    "91410800171971661U,焦作市天宝桓祥科技有限公司,有限责任公司,存续,张三,2000,2009-03-16,焦作市示范区迎宾路2666号,"
    "410871,C3562,462,5799.58\n"
    "91410800MA454807XE,焦作嵩阳光电科技有限公司,有限责任公司,存续,李四,100,2016/8/22,焦作市示范区世纪路2001号,"
    "410871,C39,246,1124.25\n";

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{kStart};
  audit::AuditLog audit{*db, clock};
  Importer importer{*db, audit, clock};
  CollectStore store{*db};
  int64_t taxOffice = 0, regulator = 0;

  Fixture() {
    db::migrate(*db);
    registry::RegistryStore(*db).insertMissing(
        {{"provider", "国家税务总局焦作市税务局", "税务局", "410800", std::nullopt, std::nullopt},
         {"provider", "焦作市市场监督管理局", "市场监管局", "410800", std::nullopt, std::nullopt}},
        {}, "2026-11-27T10:00:00.000+08:00");
    auto conn = db->lease();
    *conn << "SELECT id FROM organisations WHERE short_name = '税务局'", soci::into(taxOffice);
    *conn << "SELECT id FROM organisations WHERE short_name = '市场监管局'", soci::into(regulator);
  }

  ImportResult submit(int64_t provider, const std::string& category, const std::string& text) {
    Submission sub;
    sub.providerId = provider;
    sub.category = category;
    sub.fileName = category + ".csv";
    sub.contentSha256 = auth::sha256Hex(text);
    SourceOptions options;
    auto source = openBuffer(text, options);
    return importer.run(sub, *source, audit::Actor{});
  }

  BatchRecord batch(int64_t id) { return store.batch({auth::DataScope::Kind::All}, id).value(); }

  long long count(const std::string& sql) {
    long long n = 0;
    auto conn = db->lease();
    *conn << sql, soci::into(n);
    return n;
  }
};

TEST(Importer, RegistrationCreatesEnterprisesWithDerivedFields) {
  Fixture f;
  auto r = f.submit(f.regulator, "registration", kRegistration);
  auto b = f.batch(r.batchId);
  EXPECT_EQ(b.rowsTotal, 2);
  EXPECT_EQ(b.rowsAccepted, 2);
  EXPECT_EQ(b.rowsQuarantined, 0);
  registry::RegistryStore registry(*f.db);
  registry::EnterpriseFilter filter;
  filter.q = "tbhx";
  auto found = registry.search({auth::DataScope::Kind::All}, filter, 1, 20);
  ASSERT_EQ(found.total, 1);
  const auto& e = found.items[0];
  EXPECT_EQ(e.name, "焦作市天宝桓祥科技有限公司");
  EXPECT_EQ(e.industrySection, "C");
  EXPECT_EQ(e.industryDivision, "35");
  EXPECT_EQ(e.sizeClass.value_or(""), "medium");
  EXPECT_EQ(e.legalRepresentative.value_or(""), "张三");
  EXPECT_EQ(e.registeredCapitalFen.value_or(0), 2000LL * 1000000);
  filter.q = "tianbao";
  EXPECT_EQ(registry.search({auth::DataScope::Kind::All}, filter, 1, 20).total, 1);
}

TEST(Importer, SameContentTwiceIsRecognisedAndAppliedOnce) {
  Fixture f;
  auto first = f.submit(f.regulator, "registration", kRegistration);
  EXPECT_FALSE(first.duplicate);
  auto facts = f.count("SELECT COUNT(*) FROM facts");
  auto second = f.submit(f.regulator, "registration", kRegistration);
  EXPECT_TRUE(second.duplicate);
  EXPECT_EQ(second.batchId, first.batchId);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM facts"), facts);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM collect_batches"), 1);
}

TEST(Importer, InvalidRowsAreQuarantinedWithReasonsAndValidOnesCommitted) {
  Fixture f;
  f.submit(f.regulator, "registration", kRegistration);
  auto r = f.submit(f.taxOffice, "tax",
                    "统一社会信用代码,所属期,纳税额（万元）,纳税信用等级\n"
                    "91410800171971661U,2025-06,12.5,A\n"
                    "91410800171971661X,2025-07,1,A\n"            // wrong check character
                    "914108003MA9XXXXX,2025-07,1,A\n"             // malformed
                    "91350100M000100Y43,2025-07,1,A\n"            // valid, not registered here
                    "９１４１０８００ＭＡ４５４８０７ＸＥ ,2025年7月,3,B\n"  // full-width: accepted
                    "91410800171971661U,2025-06,12.5,A\n");       // duplicate of row 2
  auto b = f.batch(r.batchId);
  EXPECT_EQ(b.rowsTotal, 6);
  EXPECT_EQ(b.rowsAccepted, 2);
  EXPECT_EQ(b.rowsQuarantined, 4);
  auto q = f.store.quarantine(jinfu::auth::DataScope{jinfu::auth::DataScope::Kind::All, {}, 0, {}}, b.id, 1, 20);
  ASSERT_EQ(q.total, 4);
  EXPECT_EQ(q.items[0].rowNumber, 3);
  EXPECT_NE(q.items[0].problemsJson.find("第18位"), std::string::npos) << q.items[0].problemsJson;
  EXPECT_EQ(q.items[2].rowNumber, 5);
  EXPECT_NE(q.items[2].problemsJson.find("企业库中没有"), std::string::npos) << q.items[2].problemsJson;
  EXPECT_EQ(q.items[3].rowNumber, 7);
  EXPECT_NE(q.items[3].problemsJson.find("与本批次第 2 行重复"), std::string::npos) << q.items[3].problemsJson;
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM facts WHERE category = 'tax'"), 2);
}

TEST(Importer, AChangedFactKeepsItsHistory) {
  Fixture f;
  f.submit(f.regulator, "registration", kRegistration);
  auto first = f.submit(f.taxOffice, "tax", "统一社会信用代码,所属期,纳税额（元）\n91410800171971661U,2025-06,1000\n");
  f.clock.advance(24h);
  auto second = f.submit(f.taxOffice, "tax", "统一社会信用代码,所属期,纳税额（元）\n91410800171971661U,2025-06,1200\n");
  auto b = f.batch(second.batchId);
  EXPECT_EQ(b.rowsAccepted, 1);
  EXPECT_EQ(b.rowsSuperseding, 1);
  auto enterprise = registry::RegistryStore(*f.db).search({auth::DataScope::Kind::All}, {.q = "91410800171971661U"}, 1, 1);
  ASSERT_EQ(enterprise.total, 1);
  auto changes = f.store.history(enterprise.items[0].id);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "taxPaid");
  EXPECT_EQ(changes[0].before.value_or(""), "100000");
  EXPECT_EQ(changes[0].after.value_or(""), "120000");
  EXPECT_EQ(changes[0].batchId, second.batchId);
  EXPECT_LT(changes[0].validFrom, changes[0].recordedAt);
  auto facts = f.store.facts(enterprise.items[0].id, "tax", 10);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].batchId, second.batchId);
  EXPECT_EQ(facts[0].rowNumber, 2);
  // The same value once more changes nothing.
  f.clock.advance(24h);
  auto third = f.submit(f.taxOffice, "tax", "统一社会信用代码,所属期,纳税额\n91410800171971661U,2025-06,1200\n");
  EXPECT_EQ(f.batch(third.batchId).rowsUnchanged, 1);
  EXPECT_EQ(f.store.history(enterprise.items[0].id).size(), 1u);
  (void)first;
}

TEST(Importer, ARenameKeepsTheFormerName) {
  Fixture f;
  f.submit(f.regulator, "registration", kRegistration);
  std::string renamed = kRegistration;
  renamed.replace(renamed.find("焦作市天宝桓祥科技有限公司"), std::string("焦作市天宝桓祥科技有限公司").size(),
                  "河南天宝桓祥智能科技有限公司");
  f.clock.advance(48h);
  f.submit(f.regulator, "registration", renamed);
  registry::RegistryStore registry(*f.db);
  auto found = registry.search({auth::DataScope::Kind::All}, {.q = "91410800171971661U"}, 1, 1);
  ASSERT_EQ(found.total, 1);
  auto e = registry.enterprise({auth::DataScope::Kind::All}, found.items[0].id).value();
  EXPECT_EQ(e.name, "河南天宝桓祥智能科技有限公司");
  ASSERT_EQ(e.formerNames.size(), 1u);
  EXPECT_EQ(e.formerNames[0].name, "焦作市天宝桓祥科技有限公司");
  // Search follows the new name, and the pinyin of the new name.
  EXPECT_EQ(registry.search({auth::DataScope::Kind::All}, {.q = "henantianbao"}, 1, 1).total, 1);
}

TEST(Importer, ARegistrationRowTheRegistryCannotPlaceIsQuarantinedAlone) {
  Fixture f;
  auto r = f.submit(f.regulator, "registration",
                    "统一社会信用代码,企业名称,企业类型,登记状态,法定代表人,注册资本,成立日期,住所,行政区划代码,行业代码,所属园区\n"
                    "91410800171971661U,甲公司,有限责任公司,存续,张三,100,2009-03-16,某地,410871,C35,不存在的园区\n"
                    "91410800MA454807XE,乙公司,有限责任公司,存续,李四,100,2016-08-22,某地,410871,C39,\n");
  auto b = f.batch(r.batchId);
  EXPECT_EQ(b.rowsAccepted, 1);
  EXPECT_EQ(b.rowsQuarantined, 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM enterprises"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM facts"), 1);
  auto q = f.store.quarantine(jinfu::auth::DataScope{jinfu::auth::DataScope::Kind::All, {}, 0, {}}, b.id, 1, 5);
  ASSERT_EQ(q.total, 1);
  EXPECT_NE(q.items[0].problemsJson.find("不存在的园区"), std::string::npos);
}

TEST(Importer, AFileWithoutAUsableHeaderStoresNothing) {
  Fixture f;
  EXPECT_THROW(f.submit(f.taxOffice, "tax", "甲,乙,丙\n1,2,3\n"), ApiError);
  EXPECT_THROW(f.submit(f.taxOffice, "tax", "统一社会信用代码,所属期,纳税额\n"), ApiError);
  EXPECT_THROW(f.submit(f.taxOffice, "no_such_category", "a\n1\n"), ApiError);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM collect_batches"), 0);
  // Refusals are on the audit trail too.
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'collect.submit' AND outcome = 'failure'"), 3);
}

TEST(Importer, TwoIdenticalSubmissionsAtOnceStoreOneBatch) {
  Fixture f;
  f.submit(f.regulator, "registration", kRegistration);
  std::string text = "统一社会信用代码,所属期,纳税额\n";
  for (int m = 1; m <= 12; ++m) text += "91410800171971661U,2024-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + ",100\n";
  std::atomic<int> duplicates = 0, stored = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      auto r = f.submit(f.taxOffice, "tax", text);
      (r.duplicate ? duplicates : stored)++;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_EQ(duplicates.load(), 3);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM collect_batches WHERE category = 'tax'"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM facts WHERE category = 'tax'"), 12);
}

}  // namespace
}  // namespace jinfu::collect
