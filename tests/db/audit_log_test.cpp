// The audit trail against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG): the
// chain holds under concurrent appends, tampering through SQL is caught with the right entry,
// the triggers refuse changes, and searches stay inside the caller's data scope.
#include <atomic>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "platform/audit/audit_cli.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/db/migrations.hpp"
#include "test_database.hpp"

namespace jinfu::audit {
namespace {

using namespace std::chrono_literals;
using Kind = auth::DataScope::Kind;

bool onPostgres() {
  const char* pg = std::getenv("JINFU_TEST_PG");
  return pg && *pg;
}

// 2026-11-27 10:00 in Shanghai.
const auto kStart = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 2h;

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{kStart};
  AuditLog log{*db, clock};
  Fixture() { db::migrate(*db); }
};

Actor actor(std::string username, std::optional<int64_t> orgId = 1, std::string orgName = "示范区管委会",
            std::string region = "410871") {
  Actor a;
  a.userId = orgId ? std::optional<int64_t>(100 + *orgId) : std::nullopt;
  a.username = std::move(username);
  a.organisationId = orgId;
  a.organisationName = std::move(orgName);
  a.organisationRegion = std::move(region);
  a.ip = "10.0.0.1";
  a.userAgent = "test";
  a.requestId = "req";
  return a;
}

Entry entry(std::string action = "auth.login", std::string outcome = "success", std::string objectId = "") {
  Entry e;
  e.action = std::move(action);
  e.outcome = std::move(outcome);
  e.objectType = objectId.empty() ? "" : "user";
  e.objectId = std::move(objectId);
  return e;
}

auth::DataScope scope(Kind kind, std::string prefix = "", int64_t organisationId = 0) {
  auth::DataScope s;
  s.kind = kind;
  s.regionPrefix = std::move(prefix);
  s.organisationId = organisationId;
  return s;
}

std::vector<long long> ids(db::Database& db) {
  auto conn = db.lease();
  soci::rowset<soci::row> rows = (conn->prepare << "SELECT id FROM audit_log ORDER BY id");
  std::vector<long long> out;
  for (const auto& r : rows) out.push_back(db::Row(r).i64("id"));
  return out;
}

long long count(db::Database& db, const std::string& table) {
  auto conn = db.lease();
  long long n = -1;
  *conn << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

// What an intruder with database access does first.
void dropAppendOnlyTriggers(db::Database& db) {
  auto conn = db.lease();
  if (onPostgres()) {
    *conn << "DROP TRIGGER audit_log_append_only ON audit_log";
  } else {
    *conn << "DROP TRIGGER audit_log_no_update";
    *conn << "DROP TRIGGER audit_log_no_delete";
  }
}

void exec(db::Database& db, const std::string& sql) {
  auto conn = db.lease();
  *conn << sql;
}

std::string verifyOutput(db::Database& db, int& code) {
  std::ostringstream out;
  code = runVerify(db, out);
  return out.str();
}

void recordFive(Fixture& f) {
  for (int i = 1; i <= 5; ++i) {
    f.log.record(actor("user" + std::to_string(i)), entry("user.update", "success", std::to_string(i)));
    f.clock.advance(1s);
  }
}

TEST(AuditLog, AppendsAndVerifies) {
  Fixture f;
  int code = -1;
  EXPECT_EQ(verifyOutput(*f.db, code), "ok 0 entries\n");
  EXPECT_EQ(code, 0);
  recordFive(f);
  auto report = f.log.verify();
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.entries, 5);
  EXPECT_EQ(report.headHash.size(), 64u);
  EXPECT_EQ(verifyOutput(*f.db, code), "ok 5 entries\n");
  EXPECT_EQ(code, 0);

  auto page = f.log.search(scope(Kind::All), {}, 1, 20);
  ASSERT_EQ(page.items.size(), 5u);
  const auto& newest = page.items.front();
  EXPECT_EQ(newest.content.username, "user5");
  EXPECT_EQ(newest.content.at, "2026-11-27T10:00:04.000+08:00");
  EXPECT_EQ(newest.content.organisationRegion, "410871");
  EXPECT_EQ(newest.prevHash, page.items[1].hash);
  EXPECT_EQ(page.items.back().prevHash, std::string(kGenesisHash));
}

TEST(AuditLog, AnAlteredFieldIsCaughtAtItsEntry) {
  Fixture f;
  recordFive(f);
  auto id = ids(*f.db);
  dropAppendOnlyTriggers(*f.db);
  exec(*f.db, "UPDATE audit_log SET outcome = 'failure' WHERE id = " + std::to_string(id[2]));
  auto report = f.log.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.badEntryId, id[2]);
  EXPECT_EQ(report.entries, 2);
  EXPECT_NE(report.reasonZh.find("篡改"), std::string::npos);
  int code = -1;
  EXPECT_EQ(verifyOutput(*f.db, code), "tampered: entry " + std::to_string(id[2]) + ": " + report.reasonZh + "\n");
  EXPECT_EQ(code, 1);
}

TEST(AuditLog, ADeletedEntryIsCaughtAtTheNextOne) {
  Fixture f;
  recordFive(f);
  auto id = ids(*f.db);
  dropAppendOnlyTriggers(*f.db);
  exec(*f.db, "DELETE FROM audit_log WHERE id = " + std::to_string(id[2]));
  auto report = f.log.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.badEntryId, id[3]);
  EXPECT_NE(report.reasonEn.find("deleted"), std::string::npos);
}

TEST(AuditLog, ReorderedEntriesAreCaught) {
  Fixture f;
  recordFive(f);
  auto id = ids(*f.db);
  dropAppendOnlyTriggers(*f.db);
  // Entries 2 and 3 trade places.
  auto a = std::to_string(id[1]), b = std::to_string(id[2]);
  exec(*f.db, "UPDATE audit_log SET id = -1 WHERE id = " + a);
  exec(*f.db, "UPDATE audit_log SET id = " + a + " WHERE id = " + b);
  exec(*f.db, "UPDATE audit_log SET id = " + b + " WHERE id = -1");
  auto report = f.log.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.badEntryId, id[1]);
}

TEST(AuditLog, SwappedContentIsCaught) {
  Fixture f;
  recordFive(f);
  auto id = ids(*f.db);
  dropAppendOnlyTriggers(*f.db);
  // Who did entry 2 and who did entry 4 are exchanged; hashes are left as they were.
  exec(*f.db, "UPDATE audit_log SET username = 'swap' WHERE id = " + std::to_string(id[1]));
  exec(*f.db, "UPDATE audit_log SET username = 'user2' WHERE id = " + std::to_string(id[3]));
  exec(*f.db, "UPDATE audit_log SET username = 'user4' WHERE id = " + std::to_string(id[1]));
  auto report = f.log.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.badEntryId, id[1]);
}

TEST(AuditLog, AnEntryHiddenBelowTheFirstIdIsStillVerified) {
  Fixture f;
  recordFive(f);
  // An intruder inserts a row with a low id, linking it nowhere.
  exec(*f.db,
       "INSERT INTO audit_log (id, at, request_id, username, organisation_name, organisation_region, action, "
       "object_type, object_id, outcome, ip, user_agent, detail, prev_hash, hash) VALUES (-5, 't', '', 'ghost', '', "
       "'', 'auth.login', '', '', 'success', '', '', '', 'x', 'y')");
  auto report = f.log.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.badEntryId, -5);
}

TEST(AuditLog, TriggersRefuseUpdateAndDelete) {
  Fixture f;
  recordFive(f);
  auto refused = [&](const std::string& sql) {
    try {
      exec(*f.db, sql);
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("只能追加"), std::string::npos) << e.what();
      return true;
    }
    return false;
  };
  EXPECT_TRUE(refused("UPDATE audit_log SET detail = 'x'"));
  EXPECT_TRUE(refused("DELETE FROM audit_log"));
  if (onPostgres()) {
    EXPECT_TRUE(refused("TRUNCATE audit_log"));
  }
  EXPECT_EQ(count(*f.db, "audit_log"), 5);
  EXPECT_TRUE(f.log.verify().ok);
}

TEST(AuditLog, ConcurrentAppendsKeepOneChain) {
  Fixture f;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&f, &failures, t] {
      for (int i = 0; i < 50; ++i) {
        try {
          f.log.record(actor("thread" + std::to_string(t)), entry("enterprise.read", "success", std::to_string(i)));
        } catch (const std::exception& e) {
          // A fork would surface here as a unique violation on prev_hash.
          if (failures++ == 0) ADD_FAILURE() << e.what();
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto report = f.log.verify();
  EXPECT_TRUE(report.ok) << report.reasonEn;
  EXPECT_EQ(report.entries, 200);
  EXPECT_EQ(count(*f.db, "audit_log"), 200);
}

TEST(AuditLog, AFailedTransactionTakesItsEntryWithIt) {
  Fixture f;
  f.log.record(actor("before"), entry());
  EXPECT_THROW(f.db->transaction([&](soci::session& tx) {
    tx << "INSERT INTO organisations (kind, name, region_code, created_at) VALUES ('bank', '甲银行', '410800', 't')";
    f.log.append(tx, actor("admin"), entry("org.create", "success", "1"));
    throw std::runtime_error("the business rule failed after the audit entry was written");
  }), std::runtime_error);
  EXPECT_EQ(count(*f.db, "organisations"), 0);
  EXPECT_EQ(count(*f.db, "audit_log"), 1);
  // The chain continues from the last committed entry.
  f.db->transaction([&](soci::session& tx) {
    tx << "INSERT INTO organisations (kind, name, region_code, created_at) VALUES ('bank', '乙银行', '410800', 't')";
    Entry e = entry("org.create", "success", "2");
    e.afterJson = R"({"name":"乙银行"})";
    f.log.append(tx, actor("admin"), e);
  });
  EXPECT_EQ(count(*f.db, "audit_log"), 2);
  auto report = f.log.verify();
  EXPECT_TRUE(report.ok) << report.reasonEn;
  EXPECT_EQ(report.entries, 2);
}

TEST(AuditLog, RefusesMalformedEntriesAndRedactsSecrets) {
  Fixture f;
  EXPECT_THROW(f.log.record(actor("a"), entry("auth.login", "maybe")), std::invalid_argument);
  Entry notObject = entry("user.update");
  notObject.beforeJson = "[1,2]";
  EXPECT_THROW(f.log.record(actor("a"), notObject), std::invalid_argument);
  EXPECT_EQ(count(*f.db, "audit_log"), 0);

  Entry write = entry("user.create", "success", "7");
  write.afterJson = R"({"username":"bob","passwordHash":"$argon2id$...","nested":{"apiToken":"jf_x","roles":["a"]}})";
  f.log.record(actor("admin"), write);
  auto page = f.log.search(scope(Kind::All), {}, 1, 20);
  ASSERT_EQ(page.items.size(), 1u);
  const auto& after = *page.items[0].content.afterJson;
  EXPECT_EQ(after.find("argon2"), std::string::npos) << after;
  EXPECT_EQ(after.find("jf_x"), std::string::npos) << after;
  EXPECT_NE(after.find("\"username\":\"bob\""), std::string::npos) << after;
  EXPECT_TRUE(f.log.verify().ok);
}

TEST(AuditLog, StoresHostileTextSafely) {
  Fixture f;
  Actor a = actor("x");
  a.userAgent = std::string("bad\xff\xfe agent\0with nul", 20) + std::string(2000, 'u');
  a.username = "'; DROP TABLE audit_log; --";
  f.log.record(a, entry());
  auto page = f.log.search(scope(Kind::All), {}, 1, 20);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].content.username, "'; DROP TABLE audit_log; --");
  EXPECT_LE(page.items[0].content.userAgent.size(), 512u);
  EXPECT_TRUE(f.log.verify().ok);
}

// Four organisations: two in 焦作 (4108xx), one in 郑州 (4101xx), and nobody (a failed log-in).
void recordAcrossRegions(Fixture& f) {
  f.log.record(actor("zone-user", 1, "示范区管委会", "410871"), entry());
  f.log.record(actor("district-user", 2, "解放区政府", "410802"), entry());
  f.log.record(actor("zz-user", 3, "郑州市政府", "410100"), entry());
  f.log.record(actor("stranger", std::nullopt, "", ""), entry("auth.login", "failure"));
}

std::vector<std::string> usernames(const AuditLog::Page& page) {
  std::vector<std::string> out;
  for (const auto& e : page.items) out.push_back(e.content.username);
  return out;
}

TEST(AuditLog, SearchStaysInsideTheCallersScope) {
  Fixture f;
  recordAcrossRegions(f);
  using V = std::vector<std::string>;
  auto all = scope(Kind::All);
  EXPECT_EQ(f.log.search(all, {}, 1, 20).total, 4);

  auto city = scope(Kind::Region, auth::regionPrefix("410800"));
  EXPECT_EQ(usernames(f.log.search(city, {}, 1, 20)), (V{"district-user", "zone-user"}));
  auto zone = scope(Kind::Region, auth::regionPrefix("410871"));
  EXPECT_EQ(usernames(f.log.search(zone, {}, 1, 20)), (V{"zone-user"}));
  // A region prefix is not a pattern: "41_8" must not match 4108xx.
  auto wildcard = scope(Kind::Region, "41_8");
  EXPECT_EQ(f.log.search(wildcard, {}, 1, 20).total, 0);
  auto percent = scope(Kind::Region, "%");
  EXPECT_EQ(f.log.search(percent, {}, 1, 20).total, 0);
  auto empty = scope(Kind::Region, "");
  EXPECT_EQ(f.log.search(empty, {}, 1, 20).total, 0);

  auto bank = scope(Kind::Organisation, "", 3);
  EXPECT_EQ(usernames(f.log.search(bank, {}, 1, 20)), (V{"zz-user"}));
  auto enterprise = scope(Kind::Enterprise, "", 2);
  EXPECT_EQ(usernames(f.log.search(enterprise, {}, 1, 20)), (V{"district-user"}));
  // A filter cannot widen the scope.
  AuditLog::Filter other;
  other.organisationId = 1;
  EXPECT_EQ(f.log.search(bank, other, 1, 20).total, 0);
}

TEST(AuditLog, FiltersSelectEntries) {
  Fixture f;
  f.log.record(actor("Alice"), entry("auth.login", "success"));
  f.log.record(actor("a_b"), entry("auth.login", "failure"));
  f.log.record(actor("axb"), entry("user.update", "success", "42"));
  f.log.record(actor("100%"), entry("access.denied", "denied", "43"));
  auto all = scope(Kind::All);
  using V = std::vector<std::string>;
  auto with = [&](auto set) {
    AuditLog::Filter filter;
    set(filter);
    return usernames(f.log.search(all, filter, 1, 20));
  };
  EXPECT_EQ(with([](auto& x) { x.user = "ALI"; }), V{"Alice"});
  EXPECT_EQ(with([](auto& x) { x.user = "a_b"; }), V{"a_b"});
  EXPECT_EQ(with([](auto& x) { x.user = "%"; }), V{"100%"});
  EXPECT_EQ(with([](auto& x) { x.action = "auth.login"; }), (V{"a_b", "Alice"}));
  EXPECT_EQ(with([](auto& x) { x.outcome = "denied"; }), V{"100%"});
  EXPECT_EQ(with([](auto& x) {
              x.objectType = "user";
              x.objectId = "42";
            }),
            V{"axb"});
  EXPECT_EQ(with([](auto& x) { x.organisationId = 1; }).size(), 4u);
  EXPECT_EQ(with([](auto& x) { x.organisationId = 2; }).size(), 0u);
}

TEST(AuditLog, DateFiltersAreInclusiveShanghaiDays) {
  Fixture f;
  using namespace std::chrono;
  // 2026-11-26 23:59:59.999, 2026-11-27 00:00:00.000 and 23:59:59.999, 2026-11-28 00:00:00.000 (+08:00)
  auto day27 = shanghaiStartOfDay(*Date::fromYmd(2026, 11, 27));
  for (auto [name, t] : {std::pair{"late26", day27 - 1ms}, std::pair{"early27", day27},
                         std::pair{"late27", day27 + 24h - 1ms}, std::pair{"early28", day27 + 24h}}) {
    f.clock.set(t);
    f.log.record(actor(name), entry());
  }
  auto all = scope(Kind::All);
  using V = std::vector<std::string>;
  AuditLog::Filter only27;
  only27.from = only27.to = Date::fromYmd(2026, 11, 27);
  EXPECT_EQ(usernames(f.log.search(all, only27, 1, 20)), (V{"late27", "early27"}));
  AuditLog::Filter from28;
  from28.from = Date::fromYmd(2026, 11, 28);
  EXPECT_EQ(usernames(f.log.search(all, from28, 1, 20)), V{"early28"});
  AuditLog::Filter to26;
  to26.to = Date::fromYmd(2026, 11, 26);
  EXPECT_EQ(usernames(f.log.search(all, to26, 1, 20)), V{"late26"});
}

TEST(AuditLog, PagesNewestFirst) {
  Fixture f;
  for (int i = 1; i <= 25; ++i) f.log.record(actor("u" + std::to_string(i)), entry());
  auto all = scope(Kind::All);
  auto first = f.log.search(all, {}, 1, 10);
  EXPECT_EQ(first.total, 25);
  ASSERT_EQ(first.items.size(), 10u);
  EXPECT_EQ(first.items.front().content.username, "u25");
  auto third = f.log.search(all, {}, 3, 10);
  ASSERT_EQ(third.items.size(), 5u);
  EXPECT_EQ(third.items.back().content.username, "u1");
  EXPECT_EQ(third.paging.page, 3);
  EXPECT_TRUE(f.log.search(all, {}, 4, 10).items.empty());
  auto clamped = f.log.search(all, {}, 0, 1000);
  EXPECT_EQ(clamped.paging.page, 1);
  EXPECT_EQ(clamped.paging.pageSize, 100);
  EXPECT_EQ(clamped.items.size(), 25u);
}

TEST(AuditLog, ExportsAWorkbookInScope) {
  Fixture f;
  recordAcrossRegions(f);
  f.log.record(actor("=HYPERLINK(\"http://evil\")"), entry());
  auto all = scope(Kind::All);
  auto everything = f.log.exportXlsx(all, {});
  EXPECT_EQ(everything.rows, 5);
  EXPECT_FALSE(everything.truncated);
  EXPECT_EQ(everything.fileName, "audit-20261127.xlsx");
  ASSERT_GT(everything.bytes.size(), 1000u);
  EXPECT_EQ(everything.bytes.substr(0, 4), std::string("PK\x03\x04", 4));

  auto zone = f.log.exportXlsx(scope(Kind::Region, "410871"), {});
  EXPECT_EQ(zone.rows, 2);  // zone-user and the HYPERLINK user, both of the zone

  auto cut = f.log.exportXlsx(all, {}, 3);
  EXPECT_EQ(cut.rows, 3);
  EXPECT_TRUE(cut.truncated);
  auto exact = f.log.exportXlsx(all, {}, 5);
  EXPECT_EQ(exact.rows, 5);
  EXPECT_FALSE(exact.truncated);

  auto none = f.log.exportXlsx(scope(Kind::Organisation, "", 999), {});
  EXPECT_EQ(none.rows, 0);
  EXPECT_EQ(none.bytes.substr(0, 2), "PK");
}

TEST(AuditLog, ExportStreamsMoreThanOneBatch) {
  Fixture f;
  f.db->transaction([&](soci::session& tx) {
    for (int i = 0; i < 2100; ++i) f.log.append(tx, actor("bulk"), entry());
  });
  auto out = f.log.exportXlsx(scope(Kind::All), {});
  EXPECT_EQ(out.rows, 2100);
  auto cut = f.log.exportXlsx(scope(Kind::All), {}, 1500);
  EXPECT_EQ(cut.rows, 1500);
  EXPECT_TRUE(cut.truncated);
  auto report = f.log.verify();
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.entries, 2100);
}

}  // namespace
}  // namespace jinfu::audit
