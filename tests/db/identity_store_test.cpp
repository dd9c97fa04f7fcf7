// The identity store against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG), through
// its public interface only: organisations and users (lookups, uniqueness, filters, paging and the
// caller's data scope), log-in accounts, log-in attempts, sessions and API tokens (what the guard
// reads back, touching, revoking, expiry and idleness).
#include <algorithm>

#include <gtest/gtest.h>

#include "platform/auth/identity_store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/db/migrations.hpp"
#include "test_database.hpp"

namespace jinfu::auth {
namespace {

using Kind = DataScope::Kind;

const std::string kNow = "2026-11-27T10:00:00.000+08:00";
const std::string kLater = "2026-11-27T10:20:00.000+08:00";
const std::string kTomorrow = "2026-11-28T10:00:00.000+08:00";
const std::string kYesterday = "2026-11-26T10:00:00.000+08:00";

DataScope scope(Kind kind, int64_t organisationId = 0, std::string prefix = "") {
  DataScope s;
  s.kind = kind;
  s.organisationId = organisationId;
  s.regionPrefix = std::move(prefix);
  return s;
}

struct Fixture {
  testing::TestDatabase db;
  IdentityStore store{*db};
  int64_t zone = 0, city = 0, bank = 0, otherBank = 0, enterprise = 0;
  int64_t officer = 0, manager = 0, viewer = 0, staff = 0;

  Fixture() {
    db::migrate(*db);
    zone = org("government", "示范区管委会", "410871");
    city = org("government", "焦作市政府", "410800");
    bank = org("bank", "工商银行焦作分行", "410802");
    otherBank = org("bank", "农业银行焦作分行", "410811");
    enterprise = org("enterprise", "焦作市天宝桓祥科技有限公司", "410871", "91410800171971661U");
    officer = user("icbc-officer", "客户经理", bank, {"bank-officer"}, "13800000001");
    manager = user("icbc-manager", "银行管理员", bank, {"bank-manager", "bank-officer"}, std::nullopt);
    viewer = user("zone-viewer", "政府查看员", zone, {"gov-viewer"}, "13800000002");
    staff = user("tianbao-staff", "企业经办人", enterprise, {"enterprise-staff"}, std::nullopt);
  }

  int64_t org(std::string kind, std::string name, std::string region, std::optional<std::string> uscc = std::nullopt) {
    OrganisationRow o;
    o.kind = *orgKindByCode(kind);
    o.name = std::move(name);
    o.shortName = o.name.substr(0, 6);
    o.regionCode = std::move(region);
    o.uscc = std::move(uscc);
    return db->transaction([&](soci::session& tx) { return store.createOrganisation(tx, o, kNow); });
  }

  int64_t user(std::string username, std::string displayName, int64_t orgId, std::vector<std::string> roles,
               std::optional<std::string> mobile) {
    UserRow u;
    u.username = std::move(username);
    u.displayName = std::move(displayName);
    u.organisationId = orgId;
    u.roles = std::move(roles);
    u.mobile = std::move(mobile);
    return db->transaction([&](soci::session& tx) { return store.createUser(tx, u, "hash-" + u.username, kNow); });
  }

  std::vector<std::string> usernames(const DataScope& s, const UserFilter& f = {}) {
    std::vector<std::string> out;
    for (const auto& u : store.users(s, f, 1, 100).items) out.push_back(u.username);
    return out;
  }
};

TEST(IdentityStore, OrganisationsAreFoundByNameAndUsccAndListedWithinTheCallersScope) {
  Fixture f;
  auto byName = f.store.organisationByName("工商银行焦作分行");
  ASSERT_TRUE(byName);
  EXPECT_EQ(byName->id, f.bank);
  EXPECT_EQ(byName->kind, OrgKind::Bank);
  EXPECT_EQ(byName->regionCode, "410802");
  EXPECT_FALSE(byName->disabled);
  EXPECT_EQ(byName->createdAt, kNow);
  auto byUscc = f.store.organisationByUscc("91410800171971661U");
  ASSERT_TRUE(byUscc);
  EXPECT_EQ(byUscc->id, f.enterprise);
  EXPECT_FALSE(f.store.organisationByName("没有这个机构"));
  EXPECT_FALSE(f.store.organisationByUscc("91410800MA454807XE"));

  auto all = f.store.organisations(scope(Kind::All), {}, 1, 100);
  EXPECT_EQ(all.total, 5);
  // The zone (410871) sees itself and the enterprise in it; the city (4108) sees all five.
  auto zone = f.store.organisations(scope(Kind::Region, f.zone, regionPrefix("410871")), {}, 1, 100);
  EXPECT_EQ(zone.total, 2);
  for (const auto& o : zone.items) EXPECT_EQ(o.regionCode, "410871");
  EXPECT_EQ(f.store.organisations(scope(Kind::Region, f.city, regionPrefix("410800")), {}, 1, 100).total, 5);
  // A bank sees its own organisation only, and no other by id.
  auto own = f.store.organisations(scope(Kind::Organisation, f.bank), {}, 1, 100);
  ASSERT_EQ(own.total, 1);
  EXPECT_EQ(own.items[0].id, f.bank);
  EXPECT_TRUE(f.store.organisation(scope(Kind::Organisation, f.bank), f.bank));
  EXPECT_FALSE(f.store.organisation(scope(Kind::Organisation, f.bank), f.otherBank));

  // Filters: kind, words of the name, region; and paging keeps the total.
  OrganisationFilter banks;
  banks.kind = OrgKind::Bank;
  EXPECT_EQ(f.store.organisations(scope(Kind::All), banks, 1, 100).total, 2);
  OrganisationFilter named;
  named.q = "农业";
  auto found = f.store.organisations(scope(Kind::All), named, 1, 100);
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].id, f.otherBank);
  auto page2 = f.store.organisations(scope(Kind::All), {}, 2, 2);
  EXPECT_EQ(page2.total, 5);
  EXPECT_EQ(page2.items.size(), 2u);

  // A disabled organisation says so.
  auto changed = *byName;
  changed.disabled = true;
  f.db->transaction([&](soci::session& tx) { f.store.updateOrganisation(tx, changed); });
  EXPECT_TRUE(f.store.organisationByName("工商银行焦作分行")->disabled);
}

TEST(IdentityStore, UsersAreUniqueByNameAndMobileAndLogInByEither) {
  Fixture f;
  EXPECT_TRUE(f.store.usernameTaken("icbc-officer"));
  EXPECT_FALSE(f.store.usernameTaken("nobody"));
  EXPECT_TRUE(f.store.mobileTaken("13800000001", 0));
  EXPECT_FALSE(f.store.mobileTaken("13800000001", f.officer)) << "one's own mobile is not taken from oneself";
  EXPECT_FALSE(f.store.mobileTaken("13900000000", 0));

  auto byName = f.store.findAccount("icbc-officer");
  ASSERT_TRUE(byName);
  EXPECT_EQ(byName->id, f.officer);
  EXPECT_EQ(byName->passwordHash, "hash-icbc-officer");
  EXPECT_FALSE(byName->disabled);
  auto byMobile = f.store.findAccount("13800000001");
  ASSERT_TRUE(byMobile);
  EXPECT_EQ(byMobile->id, f.officer);
  EXPECT_FALSE(f.store.findAccount("nobody"));

  // A second user with a taken name is refused by the database.
  EXPECT_ANY_THROW(f.user("icbc-officer", "重名", f.bank, {"bank-officer"}, std::nullopt));

  // A log-in is recorded (and a rehashed password stored); a password change replaces the hash.
  f.store.recordLogin(f.officer, kLater, std::string("rehashed"));
  auto after = f.store.userByName("icbc-officer");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->lastLoginAt, kLater);
  EXPECT_EQ(f.store.findAccount("icbc-officer")->passwordHash, "rehashed");
  f.store.recordLogin(f.officer, kTomorrow, std::nullopt);
  EXPECT_EQ(f.store.findAccount("icbc-officer")->passwordHash, "rehashed") << "no new hash: the old one stays";
  f.db->transaction([&](soci::session& tx) { f.store.setPassword(tx, f.officer, "changed", kTomorrow); });
  EXPECT_EQ(f.store.findAccount("icbc-officer")->passwordHash, "changed");
}

TEST(IdentityStore, UsersListedWithinScopeFilteredAndUpdated) {
  Fixture f;
  auto u = f.store.userByName("icbc-manager");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->organisationName, "工商银行焦作分行");
  EXPECT_EQ(u->orgKind, auth::OrgKind::Bank);
  EXPECT_EQ(u->roles, (std::vector<std::string>{"bank-manager", "bank-officer"})) << "roles are stored sorted";
  EXPECT_FALSE(u->mobile);
  EXPECT_EQ(u->createdAt, kNow);
  EXPECT_FALSE(u->lastLoginAt);

  EXPECT_EQ(f.usernames(scope(Kind::All)),
            (std::vector<std::string>{"icbc-officer", "icbc-manager", "zone-viewer", "tianbao-staff"}));
  EXPECT_EQ(f.usernames(scope(Kind::Organisation, f.bank)), (std::vector<std::string>{"icbc-officer", "icbc-manager"}));
  EXPECT_EQ(f.usernames(scope(Kind::Region, f.zone, "410871")), (std::vector<std::string>{"zone-viewer", "tianbao-staff"}));
  EXPECT_TRUE(f.usernames(scope(Kind::Organisation, f.otherBank)).empty());
  EXPECT_TRUE(f.store.user(scope(Kind::Organisation, f.bank), f.officer));
  EXPECT_FALSE(f.store.user(scope(Kind::Organisation, f.otherBank), f.officer)) << "another bank's user is not found";

  UserFilter role;
  role.role = "bank-officer";
  EXPECT_EQ(f.usernames(scope(Kind::All), role), (std::vector<std::string>{"icbc-officer", "icbc-manager"}));
  role.role = "bank";  // a whole role only, not a prefix of one
  EXPECT_TRUE(f.usernames(scope(Kind::All), role).empty());
  UserFilter q;
  q.q = "查看";
  EXPECT_EQ(f.usernames(scope(Kind::All), q), (std::vector<std::string>{"zone-viewer"})) << "by display name";
  q.q = "0002";
  EXPECT_EQ(f.usernames(scope(Kind::All), q), (std::vector<std::string>{"zone-viewer"})) << "by mobile";
  q.q = "%";
  EXPECT_TRUE(f.usernames(scope(Kind::All), q).empty()) << "a wildcard is matched literally";
  UserFilter ofOrg;
  ofOrg.organisationId = f.enterprise;
  EXPECT_EQ(f.usernames(scope(Kind::All), ofOrg), (std::vector<std::string>{"tianbao-staff"}));
  auto paged = f.store.users(scope(Kind::All), {}, 2, 3);
  EXPECT_EQ(paged.total, 4);
  ASSERT_EQ(paged.items.size(), 1u);
  EXPECT_EQ(paged.items[0].username, "tianbao-staff");

  // Disabling a user and changing its roles and mobile.
  auto changed = *f.store.userByName("icbc-officer");
  changed.disabled = true;
  changed.roles = {"bank-manager"};
  changed.mobile = std::nullopt;
  changed.displayName = "前客户经理";
  f.db->transaction([&](soci::session& tx) { f.store.updateUser(tx, changed, kLater); });
  auto reread = f.store.userByName("icbc-officer");
  EXPECT_TRUE(reread->disabled);
  EXPECT_EQ(reread->roles, (std::vector<std::string>{"bank-manager"}));
  EXPECT_FALSE(reread->mobile);
  EXPECT_EQ(reread->displayName, "前客户经理");
  EXPECT_TRUE(f.store.findAccount("icbc-officer")->disabled);
  EXPECT_FALSE(f.store.findAccount("13800000001")) << "the mobile no longer logs in";
  UserFilter disabled;
  disabled.disabled = true;
  EXPECT_EQ(f.usernames(scope(Kind::All), disabled), (std::vector<std::string>{"icbc-officer"}));
  EXPECT_EQ(f.store.allUsers().size(), 4u);
}

TEST(IdentityStore, PrincipalCarriesTheOrganisationRolesAndPermissions) {
  Fixture f;
  auto p = f.store.principalOf(f.staff);
  EXPECT_EQ(p.userId, f.staff);
  EXPECT_EQ(p.username, "tianbao-staff");
  EXPECT_EQ(p.organisationId, f.enterprise);
  EXPECT_EQ(p.orgKind, auth::OrgKind::Enterprise);
  EXPECT_EQ(p.regionCode, "410871");
  EXPECT_EQ(p.uscc, std::optional<std::string>("91410800171971661U"));
  std::vector<std::string> roles{"enterprise-staff"};
  EXPECT_EQ(p.permissions, permissionsOf(roles));
  EXPECT_FALSE(p.permissions.empty());
  auto s = scopeOf(p);
  EXPECT_EQ(s.kind, Kind::Enterprise);
  EXPECT_EQ(s.uscc, "91410800171971661U");
  EXPECT_ANY_THROW(f.store.principalOf(999999));
}

TEST(IdentityStore, LogInAttemptsCountWithinTheWindowLockAndAreForgiven) {
  Fixture f;
  const std::string key = "user:icbc-officer";
  EXPECT_EQ(f.store.countAttempt(key, kNow, kYesterday).failures, 1);
  EXPECT_EQ(f.store.countAttempt(key, kNow, kYesterday).failures, 2);
  auto third = f.store.countAttempt(key, kNow, kYesterday);
  EXPECT_EQ(third.failures, 3);
  EXPECT_FALSE(third.lockedUntil);
  f.store.lockAttempts(key, kLater);
  EXPECT_EQ(f.store.countAttempt(key, kNow, kYesterday).lockedUntil, std::optional<std::string>(kLater));
  EXPECT_EQ(f.store.userByName("icbc-officer")->lockedUntil, std::optional<std::string>(kLater))
      << "a user's lock shows on the user";
  // A successful log-in forgives the attempt it counted.
  f.store.forgiveAttempt(key);
  EXPECT_EQ(f.store.countAttempt(key, kNow, kYesterday).failures, 4);
  // Counts from before the window start again from one.
  EXPECT_EQ(f.store.countAttempt(key, kTomorrow, kLater).failures, 1);
  // Keys are separate; clearing removes the count and the lock.
  EXPECT_EQ(f.store.countAttempt("ip:10.0.0.1", kNow, kYesterday).failures, 1);
  f.store.clearAttempts(key);
  EXPECT_FALSE(f.store.userByName("icbc-officer")->lockedUntil);
  EXPECT_EQ(f.store.countAttempt(key, kTomorrow, kLater).failures, 1);
  EXPECT_EQ(f.store.countAttempt("ip:10.0.0.1", kNow, kYesterday).failures, 2);
}

TEST(IdentityStore, SessionsAreReadBackTouchedListedAndRevoked) {
  Fixture f;
  auto first = f.store.createSession(f.officer, "hash-1", "csrf-1", kNow, kTomorrow, "10.0.0.1", "Firefox");
  auto second = f.store.createSession(f.officer, "hash-2", "csrf-2", kNow, kTomorrow, "10.0.0.2", "Chrome");
  auto others = f.store.createSession(f.viewer, "hash-3", "csrf-3", kNow, kTomorrow, "10.0.0.3", "Edge");

  auto c = f.store.findSession("hash-1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->principal.userId, f.officer);
  EXPECT_EQ(c->principal.organisationId, f.bank);
  EXPECT_EQ(c->principal.orgKind, auth::OrgKind::Bank);
  EXPECT_EQ(c->principal.roles, (std::vector<std::string>{"bank-officer"}));
  std::vector<std::string> roles{"bank-officer"};
  EXPECT_EQ(c->principal.permissions, permissionsOf(roles));
  EXPECT_EQ(c->csrfToken, "csrf-1");
  EXPECT_EQ(c->lastSeenAt, kNow);
  EXPECT_EQ(c->expiresAt, kTomorrow);
  EXPECT_FALSE(c->revoked);
  EXPECT_FALSE(c->userDisabled);
  EXPECT_FALSE(c->orgDisabled);
  EXPECT_FALSE(f.store.findSession("no-such-hash"));

  f.store.touchSession(first, kLater);
  EXPECT_EQ(f.store.findSession("hash-1")->lastSeenAt, kLater);

  // Live: not revoked, not expired, seen since the idle limit; newest first.
  auto live = f.store.liveSessions(f.officer, kLater, kNow);
  ASSERT_EQ(live.size(), 1u) << "the untouched one is idle since " << kNow;
  EXPECT_EQ(live[0].id, first);
  EXPECT_EQ(live[0].ip, "10.0.0.1");
  EXPECT_EQ(live[0].userAgent, "Firefox");
  auto both = f.store.liveSessions(f.officer, kLater, kYesterday);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].id, second);
  EXPECT_TRUE(f.store.liveSessions(f.officer, "2026-11-29T00:00:00.000+08:00", kYesterday).empty()) << "expired";

  // One may end one's own session only.
  EXPECT_FALSE(f.store.revokeSession(f.officer, others, kLater));
  EXPECT_FALSE(f.store.findSession("hash-3")->revoked);
  EXPECT_TRUE(f.store.revokeSession(f.officer, second, kLater));
  EXPECT_TRUE(f.store.findSession("hash-2")->revoked);
  EXPECT_FALSE(f.store.revokeSession(f.officer, second, kLater)) << "already ended";

  // All of a user's sessions end together (a password change); others' stay.
  f.db->transaction([&](soci::session& tx) { f.store.revokeSessions(tx, f.officer, kLater); });
  EXPECT_TRUE(f.store.findSession("hash-1")->revoked);
  EXPECT_TRUE(f.store.liveSessions(f.officer, kLater, kYesterday).empty());
  EXPECT_FALSE(f.store.findSession("hash-3")->revoked);

  // A disabled user or organisation shows on the credential.
  auto viewer = *f.store.userByName("zone-viewer");
  viewer.disabled = true;
  f.db->transaction([&](soci::session& tx) { f.store.updateUser(tx, viewer, kLater); });
  EXPECT_TRUE(f.store.findSession("hash-3")->userDisabled);
  auto zone = *f.store.organisation(scope(Kind::All), f.zone);
  zone.disabled = true;
  f.db->transaction([&](soci::session& tx) { f.store.updateOrganisation(tx, zone); });
  EXPECT_TRUE(f.store.findSession("hash-3")->orgDisabled);
}

TEST(IdentityStore, TokensCarryTheirPermissionsAreListedWithinScopeAndRevoked) {
  Fixture f;
  std::vector<std::string> perms{"collect.submit", "registry.read"};
  auto id = f.db->transaction([&](soci::session& tx) {
    return f.store.createToken(tx, f.manager, "对接系统", "jf_abcd", "token-hash", perms, kNow, kTomorrow);
  });
  auto otherId = f.db->transaction([&](soci::session& tx) {
    return f.store.createToken(tx, f.viewer, "报表", "jf_efgh", "token-hash-2", {"registry.read"}, kNow, kTomorrow);
  });

  auto c = f.store.findToken("token-hash");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->principal.userId, f.manager);
  EXPECT_EQ(c->principal.organisationId, f.bank);
  EXPECT_EQ(c->tokenPermissions, perms);
  EXPECT_EQ(c->expiresAt, kTomorrow);
  EXPECT_FALSE(c->revoked);
  EXPECT_FALSE(f.store.findToken("session-hash-is-not-a-token"));
  f.store.createSession(f.manager, "session-hash", "csrf", kNow, kTomorrow, "", "");
  EXPECT_FALSE(f.store.findToken("session-hash")) << "a session's hash is not a token";
  EXPECT_FALSE(f.store.findSession("token-hash")) << "nor a token's a session";

  auto listed = f.store.tokens(scope(Kind::Organisation, f.bank));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, id);
  EXPECT_EQ(listed[0].name, "对接系统");
  EXPECT_EQ(listed[0].prefix, "jf_abcd");
  EXPECT_EQ(listed[0].permissions, perms);
  EXPECT_EQ(listed[0].username, "icbc-manager");
  EXPECT_FALSE(listed[0].lastUsedAt);
  EXPECT_FALSE(listed[0].revokedAt);
  EXPECT_EQ(f.store.tokens(scope(Kind::All)).size(), 2u);
  EXPECT_TRUE(f.store.token(scope(Kind::Organisation, f.bank), id));
  EXPECT_FALSE(f.store.token(scope(Kind::Organisation, f.bank), otherId)) << "another organisation's token";
  EXPECT_FALSE(f.store.token(scope(Kind::Organisation, f.otherBank), id));

  f.store.touchToken(id, kLater);
  EXPECT_EQ(f.store.token(scope(Kind::All), id)->lastUsedAt, std::optional<std::string>(kLater));
  f.db->transaction([&](soci::session& tx) { f.store.revokeToken(tx, id, kLater); });
  EXPECT_TRUE(f.store.findToken("token-hash")->revoked);
  EXPECT_EQ(f.store.token(scope(Kind::All), id)->revokedAt, std::optional<std::string>(kLater));
  f.db->transaction([&](soci::session& tx) { f.store.revokeToken(tx, id, kTomorrow); });
  EXPECT_EQ(f.store.token(scope(Kind::All), id)->revokedAt, std::optional<std::string>(kLater)) << "revoked once";
  EXPECT_FALSE(f.store.findToken("token-hash-2")->revoked);
}

}  // namespace
}  // namespace jinfu::auth
