// 融资对接 against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG): two banks claiming
// one demand at the same moment — exactly one wins, the other is refused with 409 and nothing of
// it is stored; the scheduler's lease has one holder at a time; a claim without contact lapses
// after its working days (not during the Spring Festival) and the demand returns to the pool, once.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "credit/credit_service.hpp"
#include "finance/market.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/db/job_lease.hpp"
#include "platform/db/migrations.hpp"
#include "platform/notify/notifications.hpp"
#include "test_database.hpp"

namespace jinfu::finance {
namespace {

std::chrono::system_clock::time_point at(const char* day, int hour = 10) {
  return shanghaiStartOfDay(*Date::parse(day)) + std::chrono::hours(hour);
}

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{at("2026-02-13")};
  audit::AuditLog audit{*db, clock};
  credit::CreditService credit{*db, clock};
  notify::NotificationStore notices{*db};
  Market service{*db, credit, notices, audit, clock, WorkCalendar::official()};
  auth::Principal enterpriseUser, bankA, bankB;
  audit::Actor actor;
  int64_t enterprise = 0;

  long long one(const std::string& sql) {
    long long v = 0;
    auto conn = db->lease();
    *conn << sql, soci::into(v);
    return v;
  }

  auth::Principal user(const std::string& org, const std::string& kind, const std::string& username) {
    auth::Principal p;
    p.organisationId = one("SELECT id FROM organisations WHERE name = '" + org + "'");
    p.organisationName = org;
    p.orgKind = *auth::orgKindByCode(kind);
    p.username = username;
    p.userId = one("SELECT id FROM users WHERE username = '" + username + "'");
    return p;
  }

  Fixture() {
    db::migrate(*db);
    {
      auto conn = db->lease();
      const std::string t = "'2026-01-05T10:00:00.000+08:00'";
      *conn << "INSERT INTO organisations (kind, name, region_code, created_at, uscc) VALUES "
               "('enterprise', '焦作市天宝桓祥科技有限公司', '410871', " + t + ", '91410800171971661U'), "
               "('bank', '工商银行焦作分行', '410800', " + t + ", NULL), "
               "('bank', '农业银行焦作分行', '410800', " + t + ", NULL)";
      *conn << "INSERT INTO enterprises (uscc, name, region_code, industry_section, industry_division, size_class, "
               "established_on, registered_capital_fen, status, created_at) VALUES ('91410800171971661U', "
               "'焦作市天宝桓祥科技有限公司', '410871', 'C', '35', 'small', '2009-03-16', 100000000, 'operating', " + t + ")";
      for (auto [org, name, role] : {std::tuple{"焦作市天宝桓祥科技有限公司", "ent", "enterprise-staff"},
                                     {"工商银行焦作分行", "icbc", "bank-officer"},
                                     {"农业银行焦作分行", "abc", "bank-officer"}})
        *conn << "INSERT INTO users (organisation_id, username, display_name, password_hash, password_changed_at, roles, "
                 "created_at, updated_at) SELECT id, '" + std::string(name) + "', '" + name + "', 'x', " + t + ", '" + role +
                     "', " + t + ", " + t + " FROM organisations WHERE name = '" + org + "'";
    }
    enterprise = one("SELECT id FROM enterprises");
    enterpriseUser = user("焦作市天宝桓祥科技有限公司", "enterprise", "ent");
    enterpriseUser.uscc = "91410800171971661U";
    bankA = user("工商银行焦作分行", "bank", "icbc");
    bankB = user("农业银行焦作分行", "bank", "abc");
  }

  int64_t publish(int64_t amountFen = 50'000'000) {
    DemandSpec d;
    d.amountFen = amountFen;
    d.termMonths = 12;
    d.purpose = "采购原材料";
    d.guarantees = {"credit"};
    return service.demands.publish({enterpriseUser, actor}, enterprise, d).id;
  }
};

TEST(FinanceClaim, TwoBanksAtOnceExactlyOneWins) {
  Fixture f;
  constexpr int kRounds = 12;
  for (int round = 0; round < kRounds; ++round) {
    int64_t demand = f.publish();
    std::latch start(2);
    std::atomic<int> won{0}, refused{0}, other{0};
    auto claimAs = [&](const auth::Principal& bank) {
      start.arrive_and_wait();
      try {
        f.service.demands.claim({bank, f.actor}, demand);
        ++won;
      } catch (const ApiError& e) {
        (e.status() == 409 && e.code() == "demand_taken" ? refused : other)++;
      }
    };
    std::thread a(claimAs, std::cref(f.bankA)), b(claimAs, std::cref(f.bankB));
    a.join();
    b.join();
    EXPECT_EQ(won, 1) << "round " << round;
    EXPECT_EQ(refused, 1) << "round " << round;
    EXPECT_EQ(other, 0) << "round " << round;
    EXPECT_EQ(f.one("SELECT COUNT(*) FROM applications WHERE demand_id = " + std::to_string(demand)), 1);
    EXPECT_EQ(f.one("SELECT COUNT(*) FROM application_events e JOIN applications a ON a.id = e.application_id "
                    "WHERE a.demand_id = " + std::to_string(demand)),
              1);
    // The demand names the winner, and the winner's application is the only one.
    EXPECT_EQ(f.one("SELECT claimed_by FROM demands WHERE id = " + std::to_string(demand)),
              f.one("SELECT bank_id FROM applications WHERE demand_id = " + std::to_string(demand)));
  }
  EXPECT_EQ(f.one("SELECT COUNT(*) FROM applications"), kRounds);
}

TEST(FinanceLease, OneHolderAtATimeUntilItExpires) {
  Fixture f;
  auto& db = *f.db;
  EXPECT_TRUE(db::tryTakeLease(db, "finance.sweep", "a", 1'000, 60'000));
  EXPECT_FALSE(db::tryTakeLease(db, "finance.sweep", "b", 2'000, 60'000));
  EXPECT_TRUE(db::tryTakeLease(db, "finance.sweep", "a", 30'000, 60'000));   // renewed to 90 000
  EXPECT_FALSE(db::tryTakeLease(db, "finance.sweep", "b", 89'999, 60'000));
  EXPECT_TRUE(db::tryTakeLease(db, "finance.sweep", "b", 90'000, 60'000));   // expired: b takes over
  EXPECT_FALSE(db::tryTakeLease(db, "finance.sweep", "a", 90'001, 60'000));
  EXPECT_TRUE(db::tryTakeLease(db, "other.job", "a", 90'001, 60'000));       // another job is independent
  db::releaseLease(db, "finance.sweep", "a");                                // not a's: nothing happens
  EXPECT_FALSE(db::tryTakeLease(db, "finance.sweep", "a", 90'002, 60'000));
  db::releaseLease(db, "finance.sweep", "b");
  EXPECT_TRUE(db::tryTakeLease(db, "finance.sweep", "a", 90'003, 60'000));
}

TEST(FinanceLease, ManyContendersOneWinner) {
  Fixture f;
  std::latch start(6);
  std::atomic<int> won{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      if (db::tryTakeLease(*f.db, "finance.sweep", "holder-" + std::to_string(i), 5'000, 60'000)) ++won;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won, 1);
}

TEST(FinanceSweep, AClaimWithoutContactLapsesAfterTheSpringFestivalNotDuringIt) {
  Fixture f;
  int64_t demand = f.publish();  // Friday 2026-02-13
  auto app = f.service.demands.claim({f.bankA, f.actor}, demand);
  // Three working days after Friday 13 February: Saturday 14 (an adjusted working day), then the
  // holiday until Monday 23, then Tuesday 24 and Wednesday 25.
  auto clock = f.service.oversight.clockOf(app);
  EXPECT_EQ(clock.step, Step::FirstContact);
  ASSERT_TRUE(clock.deadline);
  EXPECT_EQ(clock.deadline->toString(), "2026-02-25");

  for (const char* day : {"2026-02-14", "2026-02-20", "2026-02-24", "2026-02-25"}) {
    auto r = f.service.sweep(*Date::parse(day));
    EXPECT_EQ(r.lapsed, 0) << day;
  }
  EXPECT_EQ(f.service.context.applications.application(app.id)->state, State::Submitted);

  auto r = f.service.sweep(*Date::parse("2026-02-26"));
  EXPECT_EQ(r.lapsed, 1);
  EXPECT_EQ(f.service.context.applications.application(app.id)->state, State::Lapsed);
  auto d = f.service.context.demands.demand(demand);
  EXPECT_EQ(d->status, DemandStatus::Open);
  EXPECT_FALSE(d->claimedBy);
  EXPECT_EQ(f.one("SELECT COUNT(*) FROM finance_overdue WHERE step = 'first_contact' AND outcome = 'lapsed'"), 1);
  EXPECT_GT(f.notices.unread(f.bankA.userId), 0);

  // Again: nothing more happens; and the other bank may now claim the demand.
  auto again = f.service.sweep(*Date::parse("2026-02-27"));
  EXPECT_EQ(again.lapsed, 0);
  EXPECT_EQ(f.one("SELECT COUNT(*) FROM finance_overdue WHERE step = 'first_contact'"), 1);
  auto second = f.service.demands.claim({f.bankB, f.actor}, demand);
  EXPECT_EQ(second.bankId, f.bankB.organisationId);
  // The bank whose claim lapsed no longer sees the demand another bank now holds; its own lapsed
  // application stays in its history.
  EXPECT_FALSE(f.service.demands.visible(f.bankA, demand));
  EXPECT_TRUE(f.service.demands.visible(f.bankB, demand));
  EXPECT_TRUE(f.service.applications.visible(f.bankA, app.id));
  EXPECT_FALSE(f.service.applications.visible(f.bankA, second.id));
}

TEST(FinanceSweep, ADemandBackInThePoolHasANewClaimClock) {
  Fixture f;
  int64_t demand = f.publish();  // Friday 2026-02-13
  auto app = f.service.demands.claim({f.bankA, f.actor}, demand);
  f.clock.set(at("2026-02-26"));
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-02-26")).lapsed, 1);
  // Back in the pool on Thursday 26 February: two working days to be claimed again (27th, then
  // Saturday 28th, an adjusted working day), not overdue at once.
  auto d = f.service.context.demands.demand(demand);
  EXPECT_EQ(d->openSince, "2026-02-26");
  EXPECT_EQ(d->publishedOn, "2026-02-13");
  auto clock = f.service.oversight.clockOf(*d);
  ASSERT_TRUE(clock.deadline);
  EXPECT_EQ(clock.deadline->toString(), "2026-02-28");
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-02-28")).marked, 0);
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-03-02")).marked, 1);
  Viewer all{Viewer::Kind::All, 0, ""};
  auto overduePage = f.service.context.oversight.overdue(all, true, {1, 20});
  auto& rows = overduePage.items;
  auto total = overduePage.total;
  ASSERT_EQ(total, 1);  // the lapse is resolved (the platform acted); the new claim clock is open
  EXPECT_EQ(rows[0].step, Step::ClaimOrRespond);
  EXPECT_EQ(rows[0].startedOn, "2026-02-26");
  (void)app;
}

TEST(FinanceSweep, AnUnclaimedDemandIsListedOnceAndResolvedByTheClaim) {
  Fixture f;
  int64_t demand = f.publish();  // Friday 2026-02-13: two working days → 2026-02-24
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-02-24")).marked, 0);
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-02-25")).marked, 1);
  EXPECT_EQ(f.service.sweep(*Date::parse("2026-02-26")).marked, 0);
  Viewer all{Viewer::Kind::All, 0, ""};
  auto overduePage = f.service.context.oversight.overdue(all, true, {1, 20});
  auto& rows = overduePage.items;
  auto total = overduePage.total;
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].step, Step::ClaimOrRespond);
  EXPECT_EQ(rows[0].deadline, "2026-02-24");
  EXPECT_EQ(rows[0].demandId, demand);
  f.service.demands.claim({f.bankA, f.actor}, demand);
  EXPECT_EQ(f.service.context.oversight.overdue(all, true, {1, 20}).total, 0);
  EXPECT_EQ(f.service.context.oversight.overdue(all, false, {1, 20}).total, 1);
}

TEST(FinanceCommands, AConcurrentChangeIsRefusedAndNothingIsWritten) {
  Fixture f;
  int64_t demand = f.publish();
  auto app = f.service.demands.claim({f.bankA, f.actor}, demand);
  // A stale copy: the version moved on after it was read.
  ApplicationRow stale = *f.service.context.applications.application(app.id);
  CommandInput accept;
  accept.command = Command::Accept;
  f.service.applications.command({f.bankA, f.actor}, app.id, accept);
  stale.state = State::Withdrawn;
  bool written = f.db->transaction([&](soci::session& tx) { return f.service.context.applications.updateApplication(tx, stale, "x"); });
  EXPECT_FALSE(written);
  EXPECT_EQ(f.service.context.applications.application(app.id)->state, State::Accepted);
  // The other bank cannot touch it at all.
  EXPECT_THROW(f.service.applications.command({f.bankB, f.actor}, app.id, accept), ApiError);
}

// ---- the stores, one aggregate each, on both databases ----

ProductSpec productSpec(const char* name) {
  ProductSpec p;
  p.name = name;
  p.kind = "credit";
  p.minAmountFen = 10'000'000;
  p.maxAmountFen = 300'000'000;
  p.minTermMonths = 3;
  p.maxTermMonths = 24;
  p.minRateBp = 350;
  p.maxRateBp = 450;
  p.repayment = {"interest_first"};
  p.guarantees = {"credit"};
  p.approvalWorkdays = 5;
  return p;
}

TEST(FinanceStores, AProductMovesOnlyFromTheStateItWasReadInAndIsNeverEditedWhilePublished) {
  Fixture f;
  auto& products = f.service.context.products;
  const std::string now = "2026-02-13T10:00:00.000+08:00";
  int64_t id = f.db->transaction([&](soci::session& tx) {
    return products.insertProduct(tx, f.bankA.organisationId, productSpec("经营快贷"), f.bankA.userId, now);
  });
  auto draft = products.product(id);
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, ProductStatus::Draft);
  EXPECT_EQ(draft->bankName, "工商银行焦作分行");
  EXPECT_EQ(draft->spec.repayment, std::vector<std::string>{"interest_first"});
  EXPECT_FALSE(draft->publishedAt);
  f.db->transaction([&](soci::session& tx) {
    EXPECT_TRUE(products.setProductStatus(tx, id, ProductStatus::Draft, ProductStatus::Published, now));
    EXPECT_FALSE(products.setProductStatus(tx, id, ProductStatus::Draft, ProductStatus::Published, now))
        << "a second move from the stale state finds nothing to move";
    EXPECT_FALSE(products.updateProduct(tx, id, productSpec("改名"), now)) << "published: not edited in place";
    return 0;
  });
  EXPECT_EQ(products.product(id)->spec.name, "经营快贷");
  EXPECT_EQ(products.product(id)->publishedAt, now);
  // The shelf: others see published products only; the bank also its drafts.
  f.db->transaction([&](soci::session& tx) {
    return products.insertProduct(tx, f.bankA.organisationId, productSpec("草稿产品"), f.bankA.userId, now);
  });
  ProductFilter shelf;
  EXPECT_EQ(products.products(shelf, {1, 20}).total, 1);
  ProductFilter own;
  own.ownBankId = f.bankA.organisationId;
  auto page = products.products(own, {1, 1});
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.items.size(), 1u) << "one page of one";
  EXPECT_EQ(page.paging.pageSize, 1);
  EXPECT_TRUE(products.isBank(f.bankB.organisationId));
  EXPECT_FALSE(products.isBank(f.enterpriseUser.organisationId));
}

TEST(FinanceStores, ADemandMovesOptimisticallyAndItsMatchesFollowWhetherItIsOpen) {
  Fixture f;
  auto& demands = f.service.context.demands;
  int64_t productId = f.db->transaction([&](soci::session& tx) {
    return f.service.context.products.insertProduct(tx, f.bankA.organisationId, productSpec("经营快贷"), f.bankA.userId,
                                                     "2026-02-13T10:00:00.000+08:00");
  });
  int64_t demand = f.publish();
  f.db->transaction([&](soci::session& tx) {
    demands.addMatches(tx, demand, {{productId, f.bankA.organisationId}});
    demands.addMatches(tx, demand, {{productId, f.bankA.organisationId}});  // once only
    return 0;
  });
  Viewer bankA{Viewer::Kind::Bank, f.bankA.organisationId, ""}, bankB{Viewer::Kind::Bank, f.bankB.organisationId, ""};
  DemandFilter opportunities;
  opportunities.opportunities = true;
  auto page = demands.demands(bankA, opportunities, {1, 20});
  ASSERT_EQ(page.total, 1);
  ASSERT_EQ(page.items[0].matchedProducts.size(), 1u);
  EXPECT_EQ(page.items[0].matchedProducts[0].second, "经营快贷");
  EXPECT_EQ(demands.demands(bankB, opportunities, {1, 20}).total, 0);
  EXPECT_EQ(demands.bestMatchingProduct(demand, f.bankA.organisationId), std::nullopt)
      << "only a published product is offered on a claim";

  f.db->transaction([&](soci::session& tx) {
    EXPECT_TRUE(demands.moveDemand(tx, demand, DemandStatus::Open, DemandStatus::Claimed, f.bankA.organisationId,
                                   std::string("2026-02-13T11:00:00.000+08:00")));
    EXPECT_FALSE(demands.moveDemand(tx, demand, DemandStatus::Open, DemandStatus::Claimed, f.bankB.organisationId,
                                    std::string("2026-02-13T11:00:00.000+08:00")))
        << "the second claim finds the demand no longer open";
    return 0;
  });
  EXPECT_EQ(demands.demand(demand)->claimedBy, f.bankA.organisationId);
  EXPECT_EQ(demands.demands(bankA, opportunities, {1, 20}).total, 0) << "a claimed demand is no 商机";
  EXPECT_TRUE(demands.bankHasDeal(demand, f.bankA.organisationId));
  EXPECT_FALSE(demands.bankHasDeal(demand, f.bankB.organisationId));
  f.db->transaction([&](soci::session& tx) {
    EXPECT_TRUE(demands.reopen(tx, demand, *Date::parse("2026-02-26")));
    EXPECT_FALSE(demands.reopen(tx, demand, *Date::parse("2026-02-26"))) << "only a claimed demand reopens";
    return 0;
  });
  EXPECT_EQ(demands.demand(demand)->status, DemandStatus::Open);
  EXPECT_EQ(demands.demands(bankA, opportunities, {1, 20}).total, 1) << "open again: a 商机 again";
  EXPECT_EQ(demands.organisationOfEnterprise(f.enterprise), f.enterpriseUser.organisationId);
  auto basics = demands.enterpriseBasics(f.enterprise);
  ASSERT_TRUE(basics);
  EXPECT_EQ(basics->industryCode, "C35");
  EXPECT_EQ(basics->sizeClass, "small");
}

TEST(FinanceStores, ApplicationsAreScopedToTheirBankAndTheirTimelineKeepsOrder) {
  Fixture f;
  auto app = f.service.demands.claim({f.bankA, f.actor}, f.publish());
  auto& applications = f.service.context.applications;
  Viewer bankA{Viewer::Kind::Bank, f.bankA.organisationId, ""}, bankB{Viewer::Kind::Bank, f.bankB.organisationId, ""};
  EXPECT_EQ(applications.applications(bankA, {}, {1, 20}).total, 1);
  EXPECT_EQ(applications.applications(bankB, {}, {1, 20}).total, 0);
  ApplicationFilter accepted;
  accepted.state = State::Accepted;
  EXPECT_EQ(applications.applications(bankA, accepted, {1, 20}).total, 0);
  CommandInput accept;
  accept.command = Command::Accept;
  accept.note = "已联系";
  f.service.applications.command({f.bankA, f.actor}, app.id, accept);
  EXPECT_EQ(applications.applications(bankA, accepted, {1, 20}).total, 1);
  auto events = applications.events(app.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].command, "claim");
  EXPECT_EQ(events[1].command, "accept");
  EXPECT_EQ(events[1].fromState, "submitted");
  EXPECT_EQ(events[1].note, "已联系");
  auto live = applications.liveApplicationOfDemand(app.demandId);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->id, app.id);
  EXPECT_EQ(live->acceptedOn->toString(), "2026-02-13");
}

TEST(FinanceStores, AnOverdueStepIsMarkedOnceAndResolvedOnce) {
  Fixture f;
  auto& oversight = f.service.context.oversight;
  int64_t demand = f.publish();
  Pending p{Step::ClaimOrRespond, demand, 0, std::nullopt, *Date::parse("2026-02-13"), 0};
  const std::string now = "2026-02-25T10:00:00.000+08:00";
  f.db->transaction([&](soci::session& tx) {
    EXPECT_TRUE(oversight.markOverdue(tx, p, *Date::parse("2026-02-24"), now, "listed"));
    EXPECT_FALSE(oversight.markOverdue(tx, p, *Date::parse("2026-02-24"), now, "listed"));
    return 0;
  });
  Viewer all{Viewer::Kind::All, 0, ""};
  EXPECT_EQ(oversight.overdue(all, true, {1, 20}).total, 1);
  Viewer bankB{Viewer::Kind::Bank, f.bankB.organisationId, ""};
  EXPECT_EQ(oversight.overdue(bankB, false, {1, 20}).total, 0) << "no bank holds it: no bank sees it";
  f.db->transaction([&](soci::session& tx) {
    oversight.resolveOverdue(tx, demand, 0, now);
    return 0;
  });
  EXPECT_EQ(oversight.overdue(all, true, {1, 20}).total, 0);
  EXPECT_EQ(oversight.overdue(all, false, {1, 20}).items.at(0).resolvedAt, now);
  // The settings: defaults until saved, then what was saved.
  EXPECT_EQ(oversight.limits().decision, TimeLimits{}.decision);
  f.db->transaction([&](soci::session& tx) {
    oversight.saveLimits(tx, {3, 4, 15}, now);
    return 0;
  });
  EXPECT_EQ(oversight.limits().claimOrRespond, 3);
  EXPECT_EQ(oversight.limits().firstContact, 4);
  EXPECT_EQ(oversight.limits().decision, 15);
  auto byBank = oversight.funnelByBank(all);
  ASSERT_EQ(byBank.size(), 1u);
  EXPECT_EQ(byBank[0].name, "待接单");
  EXPECT_EQ(byBank[0].published, 1);
}

}  // namespace
}  // namespace jinfu::finance
