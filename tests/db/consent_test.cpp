// 数据授权 against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG): a consent is live
// for its bank and scope until it is revoked or expires, revoking twice changes nothing, and the
// enterprise's read log lists other organisations' successful reads only.
#include <gtest/gtest.h>

#include "finance/consent/consent_store.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/clock.hpp"
#include "platform/db/migrations.hpp"
#include "test_database.hpp"

namespace jinfu::finance {
namespace {

struct Fixture {
  testing::TestDatabase db;
  ConsentStore store{*db};
  int64_t enterprise = 0, enterpriseOrg = 0, bank = 0, otherBank = 0, user = 0;

  long long one(const std::string& sql) {
    long long v = 0;
    auto conn = db->lease();
    *conn << sql, soci::into(v);
    return v;
  }

  Fixture() {
    db::migrate(*db);
    auto conn = db->lease();
    const std::string t = "'2026-11-27T10:00:00.000+08:00'";
    *conn << "INSERT INTO organisations (kind, name, region_code, created_at, uscc) VALUES "
             "('enterprise', '焦作市天宝桓祥科技有限公司', '410871', " + t + ", '91410800171971661U'), "
             "('bank', '工商银行焦作分行', '410800', " + t + ", NULL), "
             "('bank', '农业银行焦作分行', '410800', " + t + ", NULL)";
    *conn << "INSERT INTO enterprises (uscc, name, region_code, industry_section, industry_division, established_on, "
             "status, created_at) VALUES ('91410800171971661U', '焦作市天宝桓祥科技有限公司', '410871', 'C', '35', "
             "'2009-03-16', 'operating', " + t + ")";
    *conn << "INSERT INTO users (organisation_id, username, display_name, password_hash, password_changed_at, roles, "
             "created_at, updated_at) SELECT id, 'ent', '企业经办人', 'x', " + t + ", 'enterprise-staff', " + t + ", " + t +
             " FROM organisations WHERE kind = 'enterprise'";
    enterprise = one("SELECT id FROM enterprises");
    enterpriseOrg = one("SELECT id FROM organisations WHERE kind = 'enterprise'");
    bank = one("SELECT id FROM organisations WHERE name = '工商银行焦作分行'");
    otherBank = one("SELECT id FROM organisations WHERE name = '农业银行焦作分行'");
    user = one("SELECT id FROM users");
  }

  int64_t grant(std::vector<std::string> scopes, std::string expiresAt) {
    Consent c;
    c.enterpriseId = enterprise;
    c.bankId = bank;
    c.scopes = std::move(scopes);
    c.grantedAt = "2026-11-27T10:00:00.000+08:00";
    c.expiresAt = std::move(expiresAt);
    return db->transaction([&](soci::session& tx) { return store.insert(tx, c, user, "申请税易贷"); });
  }
};

TEST(Consent, LiveForItsBankAndScopeUntilRevoked) {
  Fixture f;
  int64_t id = f.grant({"credit", "tax"}, "2026-12-27T10:00:00.000+08:00");
  const std::string during = "2026-12-01T09:00:00.000+08:00";
  EXPECT_TRUE(f.store.live(f.enterprise, f.bank, "credit", during));
  EXPECT_TRUE(f.store.live(f.enterprise, f.bank, "tax", during));
  EXPECT_FALSE(f.store.live(f.enterprise, f.bank, "profile", during));
  EXPECT_FALSE(f.store.live(f.enterprise, f.otherBank, "credit", during));
  EXPECT_FALSE(f.store.live(f.enterprise, f.bank, "credit", "2026-12-27T10:00:00.000+08:00"));  // expired

  EXPECT_TRUE(f.db->transaction([&](soci::session& tx) { return f.store.revoke(tx, id, f.user, during); }));
  EXPECT_FALSE(f.store.live(f.enterprise, f.bank, "credit", during));
  EXPECT_FALSE(f.db->transaction([&](soci::session& tx) { return f.store.revoke(tx, id, f.user, during); }));
  auto row = f.store.byId(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->consent.statusAt(during), "revoked");
  EXPECT_EQ(row->bankName, "工商银行焦作分行");
  EXPECT_EQ(row->grantedBy, "ent");
  EXPECT_EQ(f.store.forBank(f.bank).size(), 1u);
  EXPECT_TRUE(f.store.forBank(f.otherBank).empty());
}

TEST(Consent, AnExpiredConsentCannotBeRevoked) {
  Fixture f;
  int64_t id = f.grant({"credit"}, "2026-11-28T10:00:00.000+08:00");
  EXPECT_FALSE(f.db->transaction(
      [&](soci::session& tx) { return f.store.revoke(tx, id, f.user, "2026-11-29T10:00:00.000+08:00"); }));
  EXPECT_EQ(f.one("SELECT COUNT(*) FROM consents WHERE revoked_at IS NULL"), 1);
}

TEST(Consent, TheReadLogListsOtherOrganisationsSuccessfulReads) {
  Fixture f;
  ManualClock clock(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + std::chrono::hours(2));
  audit::AuditLog audit(*f.db, clock);
  auto actor = [&](int64_t org, const char* name) {
    audit::Actor a;
    a.organisationId = org;
    a.organisationName = name;
    a.username = "someone";
    return a;
  };
  const std::string id = std::to_string(f.enterprise);
  audit.record(actor(f.bank, "工商银行焦作分行"), {"credit.profile.read", "success", "enterprise", id, {}, {}, "读取"});
  audit.record(actor(f.enterpriseOrg, "本企业"), {"credit.profile.read", "success", "enterprise", id, {}, {}, "自己"});
  audit.record(actor(f.otherBank, "农业银行焦作分行"), {"access.denied", "denied", "enterprise", id, {}, {}, "拒绝"});
  audit.record(actor(f.otherBank, "农业银行焦作分行"), {"credit.profile.read", "success", "enterprise", "999", {}, {}, "别家"});
  auto reads = f.store.reads(f.enterprise, f.enterpriseOrg, 10);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].organisationName, "工商银行焦作分行");
  EXPECT_EQ(reads[0].action, "credit.profile.read");
}

}  // namespace
}  // namespace jinfu::finance
