// The authenticator on a real identity store (SQLite, or PostgreSQL with JINFU_TEST_PG): who a
// session cookie or bearer token stands for, and when it stands for nobody — unknown, revoked,
// expired, idle, a disabled user or organisation; a token's permissions cut to its user's; last
// seen and last used written back; and the credential cache until invalidate().
#include <algorithm>

#include <gtest/gtest.h>

#include "platform/audit/audit_log.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/message.hpp"
#include "test_database.hpp"

namespace jinfu::auth {
namespace {

using namespace std::chrono_literals;

// 2026-11-27 10:00 in Shanghai.
const auto kStart = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 2h;

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{kStart};
  IdentityStore store{*db};
  audit::AuditLog audit{*db, clock};
  int64_t bank = 0, officer = 0;

  Fixture() { db::migrate(*db); setUp(); }

  void setUp() {
    OrganisationRow o;
    o.kind = OrgKind::Bank;
    o.name = "工商银行焦作分行";
    o.shortName = "工行";
    o.regionCode = "410802";
    bank = db->transaction([&](soci::session& tx) { return store.createOrganisation(tx, o, at(0s)); });
    UserRow u;
    u.username = "icbc-officer";
    u.displayName = "客户经理";
    u.organisationId = bank;
    u.roles = {"bank-officer"};
    officer = db->transaction([&](soci::session& tx) { return store.createUser(tx, u, "x", at(0s)); });
  }

  std::string at(std::chrono::seconds offset) const { return rfc3339Shanghai(clock.now() + offset); }

  int64_t session(const std::string& token, std::chrono::seconds lifetime = 12h) {
    return store.createSession(officer, sha256Hex(token), "csrf-" + token, at(0s), at(lifetime), "10.0.0.1", "test");
  }
  int64_t token(const std::string& token, std::vector<std::string> permissions, std::chrono::seconds lifetime = 24h) {
    return db->transaction([&](soci::session& tx) {
      return store.createToken(tx, officer, "对接", token.substr(0, 7), sha256Hex(token), permissions, at(0s), at(lifetime));
    });
  }
  void disableOfficer() {
    auto u = *store.userByName("icbc-officer");
    u.disabled = true;
    db->transaction([&](soci::session& tx) { store.updateUser(tx, u, at(0s)); });
  }
  void disableBank() {
    auto o = *store.organisationByName("工商银行焦作分行");
    o.disabled = true;
    db->transaction([&](soci::session& tx) { store.updateOrganisation(tx, o); });
  }
};

AuthSettings uncached() {
  AuthSettings s;
  s.credentialCache = 0ms;
  return s;
}

http::Request withCookie(const std::string& token) {
  http::Request r;
  r.method = "GET";
  r.headers.push_back({"cookie", "theme=dark; " + std::string(kSessionCookie) + "=" + token});
  return r;
}

http::Request withBearer(const std::string& value) {
  http::Request r;
  r.method = "GET";
  r.headers.push_back({"authorization", value});
  return r;
}

TEST(Authenticator, ASessionCookieStandsForItsUserUntilRevokedExpiredOrIdle) {
  Fixture f;
  Authenticator auth(f.store, f.audit, f.clock, uncached());
  auto id = f.session("good-session");
  auto p = auth.authenticate(withCookie("good-session"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->userId, f.officer);
  EXPECT_EQ(p->organisationId, f.bank);
  EXPECT_EQ(p->sessionId, std::optional<int64_t>(id));
  EXPECT_EQ(p->csrfToken, "csrf-good-session");
  std::vector<std::string> roles{"bank-officer"};
  EXPECT_EQ(p->permissions, permissionsOf(roles));
  EXPECT_FALSE(auth.authenticate(withCookie("unknown-session")));
  EXPECT_FALSE(auth.authenticate(http::Request{}));

  // Used after more than a minute: last seen is written back, and keeps the session alive.
  f.clock.advance(20min);
  ASSERT_TRUE(auth.authenticate(withCookie("good-session")));
  EXPECT_EQ(f.store.findSession(sha256Hex("good-session"))->lastSeenAt, f.at(0s));
  f.clock.advance(20min);
  EXPECT_TRUE(auth.authenticate(withCookie("good-session"))) << "20 minutes after the last use: not idle";
  // Idle for more than 30 minutes: nobody.
  f.clock.advance(31min);
  EXPECT_FALSE(auth.authenticate(withCookie("good-session")));

  // Revoked, or past its absolute end: nobody.
  auto revoked = f.session("revoked-session");
  EXPECT_TRUE(auth.authenticate(withCookie("revoked-session")));
  EXPECT_TRUE(f.store.revokeSession(f.officer, revoked, f.at(0s)));
  EXPECT_FALSE(auth.authenticate(withCookie("revoked-session")));
  f.session("short-session", 10min);
  EXPECT_TRUE(auth.authenticate(withCookie("short-session")));
  f.clock.advance(10min);
  EXPECT_FALSE(auth.authenticate(withCookie("short-session")));
}

TEST(Authenticator, NobodyBehindTheCredentialsOfADisabledUserOrOrganisation) {
  Fixture f;
  Authenticator auth(f.store, f.audit, f.clock, uncached());
  f.session("s");
  f.token("jf_token-1", {"registry.read"});
  ASSERT_TRUE(auth.authenticate(withCookie("s")));
  ASSERT_TRUE(auth.authenticate(withBearer("Bearer jf_token-1")));
  f.disableOfficer();
  EXPECT_FALSE(auth.authenticate(withCookie("s")));
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer jf_token-1")));

  Fixture g;
  Authenticator other(g.store, g.audit, g.clock, uncached());
  g.session("s");
  ASSERT_TRUE(other.authenticate(withCookie("s")));
  g.disableBank();
  EXPECT_FALSE(other.authenticate(withCookie("s")));
}

TEST(Authenticator, ABearerTokenMayDoWhatItWasIssuedForAndItsUserMayStillDo) {
  Fixture f;
  Authenticator auth(f.store, f.audit, f.clock, uncached());
  std::vector<std::string> roles{"bank-officer"};
  auto userPermissions = permissionsOf(roles);
  ASSERT_FALSE(userPermissions.empty());
  // One permission the user has, one it has not (a bank officer does not manage users).
  const std::string has = userPermissions.front();
  ASSERT_FALSE(std::binary_search(userPermissions.begin(), userPermissions.end(), std::string("user.manage")));
  auto id = f.token("jf_token-2", {has, "user.manage"});
  auto p = auth.authenticate(withBearer("Bearer jf_token-2"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->userId, f.officer);
  EXPECT_EQ(p->tokenId, std::optional<int64_t>(id));
  EXPECT_FALSE(p->sessionId);
  EXPECT_EQ(p->permissions, (std::vector<std::string>{has}));
  EXPECT_EQ(p->tokenExpiresAt, std::optional<std::string>(f.at(24h)));
  EXPECT_EQ(f.store.token(DataScope{DataScope::Kind::All}, id)->lastUsedAt, std::optional<std::string>(f.at(0s)))
      << "the first use is written back";

  EXPECT_FALSE(auth.authenticate(withBearer("Basic jf_token-2")));
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer jf_unknown")));
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer " + std::string(201, 'x'))));
  // A bearer header wins over a cookie: a bad token is not rescued by a good session.
  f.session("s");
  auto both = withBearer("Bearer jf_unknown");
  both.headers.push_back({"cookie", std::string(kSessionCookie) + "=s"});
  EXPECT_FALSE(auth.authenticate(both));

  f.db->transaction([&](soci::session& tx) { f.store.revokeToken(tx, id, f.at(0s)); });
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer jf_token-2")));
  f.token("jf_token-3", {has}, 1h);
  EXPECT_TRUE(auth.authenticate(withBearer("Bearer jf_token-3")));
  f.clock.advance(1h);
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer jf_token-3"))) << "expired";
}

TEST(Authenticator, ACachedCredentialOutlivesARevocationByAnotherProcessUntilInvalidated) {
  Fixture f;
  AuthSettings cached;
  cached.credentialCache = std::chrono::hours(1);
  Authenticator auth(f.store, f.audit, f.clock, cached);
  auto id = f.token("jf_token-4", {"registry.read"});
  ASSERT_TRUE(auth.authenticate(withBearer("Bearer jf_token-4")));
  // Revoked straight in the store (as another server process would): the cache still answers.
  f.db->transaction([&](soci::session& tx) { f.store.revokeToken(tx, id, f.at(0s)); });
  EXPECT_TRUE(auth.authenticate(withBearer("Bearer jf_token-4")));
  auth.invalidate();
  EXPECT_FALSE(auth.authenticate(withBearer("Bearer jf_token-4")));
}

}  // namespace
}  // namespace jinfu::auth
