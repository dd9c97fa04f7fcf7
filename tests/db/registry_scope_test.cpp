// The registry store on the demo's 200 enterprises (SQLite, or PostgreSQL with JINFU_TEST_PG):
// who finds which enterprise (the platform all, a government body its region, an enterprise
// itself, banks, providers and parks nobody), search by name, code prefix, region and industry
// with sorting and paging, the partner banks, and registration updates (a new name kept as a
// former one; data the registry cannot place refused with the reason).
#include <algorithm>

#include <gtest/gtest.h>

#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "registry/demo.hpp"
#include "registry/registry_store.hpp"
#include "test_database.hpp"

namespace jinfu::registry {
namespace {

using Kind = auth::DataScope::Kind;
const std::string kNow = "2026-11-27T10:00:00.000+08:00";
const std::string kTianbao = "91410800171971661U";

auth::DataScope scope(Kind kind, int64_t organisationId = 0, std::string prefix = "", std::string uscc = "") {
  auth::DataScope s;
  s.kind = kind;
  s.organisationId = organisationId;
  s.regionPrefix = std::move(prefix);
  s.uscc = std::move(uscc);
  return s;
}

struct Fixture {
  testing::TestDatabase db;
  RegistryStore store{*db};
  int64_t tianbao = 0;
  Fixture() {
    db::migrate(*db);
    loadDemo(*db, kNow);
    EnterpriseFilter f;
    f.q = kTianbao;
    auto found = store.search(scope(Kind::All), f, 1, 10);
    if (found.total == 1) tianbao = found.items[0].id;
  }
  std::vector<EnterpriseRecord> all(const auth::DataScope& s, const EnterpriseFilter& f = {}) {
    std::vector<EnterpriseRecord> out;
    store.forEach(s, f, 1000, [&](const EnterpriseRecord& e) { out.push_back(e); });
    return out;
  }
};

TEST(RegistryScope, ThePlatformFindsAllAGovernmentItsRegionAnEnterpriseItselfOthersNobody) {
  Fixture f;
  ASSERT_NE(f.tianbao, 0);
  auto everyone = f.all(scope(Kind::All));
  ASSERT_EQ(everyone.size(), 200u);
  EXPECT_EQ(f.store.search(scope(Kind::All), {}, 1, 10).total, 200);

  auto inZone = std::count_if(everyone.begin(), everyone.end(), [](const auto& e) { return e.regionCode == "410871"; });
  ASSERT_GT(inZone, 0);
  auto zone = f.all(scope(Kind::Region, 0, "410871"));
  EXPECT_EQ(static_cast<long>(zone.size()), inZone);
  for (const auto& e : zone) EXPECT_EQ(e.regionCode, "410871");
  EXPECT_EQ(f.all(scope(Kind::Region, 0, "4108")).size(), 200u) << "the city: all of the demo";
  EXPECT_TRUE(f.all(scope(Kind::Region, 0, "4109")).empty()) << "another city: none";
  EXPECT_TRUE(f.store.enterprise(scope(Kind::Region, 0, "410871"), f.tianbao));
  EXPECT_FALSE(f.store.enterprise(scope(Kind::Region, 0, "4109"), f.tianbao));

  auto self = f.all(scope(Kind::Enterprise, 0, "", kTianbao));
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].uscc, kTianbao);
  EXPECT_TRUE(f.store.enterprise(scope(Kind::Enterprise, 0, "", kTianbao), f.tianbao));
  EXPECT_FALSE(f.store.enterprise(scope(Kind::Enterprise, 0, "", "91410800MA454807XE"), f.tianbao)) << "another enterprise";

  auto bank = f.store.banks().front().id;
  EXPECT_EQ(f.store.search(scope(Kind::Organisation, bank), {}, 1, 10).total, 0) << "a bank: nobody without consent";
  EXPECT_FALSE(f.store.enterprise(scope(Kind::Organisation, bank), f.tianbao));
}

TEST(RegistryScope, SearchByNameCodePrefixRegionAndIndustrySortedAndPaged) {
  Fixture f;
  EnterpriseFilter byName;
  byName.q = "天宝桓祥";
  auto named = f.store.search(scope(Kind::All), byName, 1, 10);
  ASSERT_EQ(named.total, 1);
  EXPECT_EQ(named.items[0].uscc, kTianbao);
  EXPECT_EQ(named.items[0].name, "焦作市天宝桓祥科技有限公司");

  EnterpriseFilter byPrefix;
  byPrefix.q = kTianbao.substr(0, 12);
  auto prefixed = f.store.search(scope(Kind::All), byPrefix, 1, 10);
  ASSERT_GE(prefixed.total, 1);
  for (const auto& e : prefixed.items) EXPECT_TRUE(e.uscc.starts_with(byPrefix.q)) << e.uscc;

  EnterpriseFilter nothing;
  nothing.q = "%";
  EXPECT_EQ(f.store.search(scope(Kind::All), nothing, 1, 10).total, 0) << "a wildcard is matched literally";

  EnterpriseFilter manufacturing;
  manufacturing.industry = "C";
  auto c = f.all(scope(Kind::All), manufacturing);
  ASSERT_FALSE(c.empty());
  for (const auto& e : c) EXPECT_EQ(e.industrySection, "C");
  EXPECT_EQ(f.store.search(scope(Kind::All), manufacturing, 1, 10).total, static_cast<int64_t>(c.size()));

  // Sorted by registered capital, largest first; pages cut the same order.
  EnterpriseFilter byCapital;
  byCapital.sort = "registeredCapital";
  byCapital.descending = true;
  auto sorted = f.all(scope(Kind::All), byCapital);
  ASSERT_EQ(sorted.size(), 200u);
  for (size_t i = 1; i < sorted.size(); ++i)
    EXPECT_GE(sorted[i - 1].registeredCapitalFen.value_or(-1), sorted[i].registeredCapitalFen.value_or(-1)) << i;
  auto page3 = f.store.search(scope(Kind::All), byCapital, 3, 10);
  EXPECT_EQ(page3.total, 200);
  ASSERT_EQ(page3.items.size(), 10u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(page3.items[i].id, sorted[20 + i].id);
  EXPECT_TRUE(f.store.search(scope(Kind::All), byCapital, 21, 10).items.empty());
}

TEST(RegistryScope, PartnerBanksAreTheEnabledBankBranchesByName) {
  Fixture f;
  auto banks = f.store.banks();
  EXPECT_EQ(banks.size(), 13u);
  EXPECT_EQ(f.store.summary().banks, 13);
  for (size_t i = 1; i < banks.size(); ++i) EXPECT_LE(banks[i - 1].name, banks[i].name);
  EXPECT_TRUE(std::any_of(banks.begin(), banks.end(), [](const auto& b) { return b.name == "工商银行焦作分行"; }));
  // A disabled branch is no longer a partner.
  {
    auto conn = f.db->lease();
    *conn << "UPDATE organisations SET disabled = 1 WHERE name = '工商银行焦作分行'";
  }
  auto after = f.store.banks();
  EXPECT_EQ(after.size(), 12u);
  EXPECT_FALSE(std::any_of(after.begin(), after.end(), [](const auto& b) { return b.name == "工商银行焦作分行"; }));
}

TEST(RegistryScope, ARegistrationUpdateKeepsTheFormerNameAndRefusesWhatItCannotPlace) {
  Fixture f;
  Registration r;
  r.uscc = kTianbao;
  r.name = "焦作市天宝桓祥新材料有限公司";
  r.status = "operating";
  r.establishedOn = "2009-03-16";
  r.regionCode = "410871";
  r.industryCode = "C3562";
  auto id = f.db->transaction([&](soci::session& tx) {
    return RegistryStore::upsertRegistration(tx, r, "2026-11-20", kNow);
  });
  EXPECT_EQ(id, f.tianbao) << "the same market entity, by its code";
  auto e = f.store.enterprise(scope(Kind::All), f.tianbao);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "焦作市天宝桓祥新材料有限公司");
  ASSERT_EQ(e->formerNames.size(), 1u);
  EXPECT_EQ(e->formerNames[0].name, "焦作市天宝桓祥科技有限公司");
  EXPECT_EQ(e->formerNames[0].until, "2026-11-20");
  EXPECT_EQ(e->industrySection, "C");
  EXPECT_EQ(e->industryDivision, "35");
  EnterpriseFilter oldName;
  oldName.q = "天宝桓祥科技";
  EXPECT_EQ(f.store.search(scope(Kind::All), oldName, 1, 10).total, 0) << "searched by its current name";

  Registration unknownPark = r;
  unknownPark.parkName = "没有这个园区";
  try {
    f.db->transaction([&](soci::session& tx) { RegistryStore::upsertRegistration(tx, unknownPark, "2026-11-21", kNow); });
    FAIL() << "an unknown park must be refused";
  } catch (const ApiError& err) {
    EXPECT_EQ(err.status(), 422);
  }
  EXPECT_EQ(f.store.enterprise(scope(Kind::All), f.tianbao)->parkName, e->parkName) << "nothing changed";
}

}  // namespace
}  // namespace jinfu::registry
