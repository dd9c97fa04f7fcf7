// Credit scoring against a real database (SQLite, or PostgreSQL with JINFU_TEST_PG): the as-of
// rule (a fact received later never changes an old score, which stays reproducible), the same
// inputs on either database, recording only changed scores, runs that resume after a crash, and
// the one active scorecard.
#include <sstream>

#include <gtest/gtest.h>

#include "collect/importer.hpp"
#include "credit/credit_service.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "registry/registry_store.hpp"
#include "test_database.hpp"

namespace jinfu::credit {
namespace {

using namespace std::chrono_literals;

std::chrono::system_clock::time_point at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d) + 2h;  // 10:00 in Shanghai
}

constexpr const char* kRegistration =
    "统一社会信用代码,企业名称,企业类型,登记状态,法定代表人,注册资本（万元）,成立日期,住所,行政区划代码,行业代码\n"
    "91410800171971661U,焦作市天宝桓祥科技有限公司,有限责任公司,存续,张三,2000,2016-03-01,焦作市示范区迎宾路2666号,410871,C3562\n"
    "91410800MA454807XE,焦作嵩阳光电科技有限公司,有限责任公司,存续,李四,100,2020-08-22,焦作市示范区世纪路2001号,410871,C39\n"
    "91410800781873380U,征云集团有限公司,有限责任公司,存续,王五,30000,2012-11-05,焦作市示范区新园路1588号,410871,L72\n";

struct Fixture {
  testing::TestDatabase db;
  ManualClock clock{at(2026, 3, 1)};
  audit::AuditLog audit{*db, clock};
  collect::Importer importer{*db, audit, clock};
  CreditService service{*db, clock};
  int64_t taxOffice = 0, regulator = 0;

  Fixture() {
    db::migrate(*db);
    registry::RegistryStore(*db).insertMissing(
        {{"provider", "国家税务总局焦作市税务局", "税务局", "410800", std::nullopt, std::nullopt},
         {"provider", "焦作市市场监督管理局", "市场监管局", "410800", std::nullopt, std::nullopt}},
        {}, "2026-03-01T10:00:00.000+08:00");
    auto conn = db->lease();
    *conn << "SELECT id FROM organisations WHERE short_name = '税务局'", soci::into(taxOffice);
    *conn << "SELECT id FROM organisations WHERE short_name = '市场监管局'", soci::into(regulator);
    submit(regulator, "registration", kRegistration);
  }

  void submit(int64_t provider, const std::string& category, const std::string& text) {
    collect::Submission sub;
    sub.providerId = provider;
    sub.category = category;
    sub.fileName = category + ".csv";
    sub.contentSha256 = auth::sha256Hex(text);
    collect::SourceOptions options;
    auto source = collect::openBuffer(text, options);
    auto result = importer.run(sub, *source, audit::Actor{});
    ASSERT_FALSE(result.duplicate);
  }

  EnterpriseRef enterprise(const char* uscc) { return *service.store().enterpriseByUscc(uscc); }

  long long count(const std::string& sql) {
    long long n = 0;
    auto conn = db->lease();
    *conn << sql, soci::into(n);
    return n;
  }
};

TEST(Credit, ALaterFactDoesNotChangeAnOldScoreWhichStaysReproducible) {
  Fixture f;
  f.clock.set(at(2026, 3, 10));
  f.submit(f.taxOffice, "tax",
           "纳税人识别号,所属期,实缴税额（元）,纳税信用等级\n"
           "91410800171971661U,2026-01,100000.00,B\n"
           "91410800171971661U,2026-02,50000.00,B\n");
  f.clock.set(at(2026, 3, 20));
  auto first = f.service.scoreNow(f.enterprise("91410800171971661U"));
  EXPECT_DOUBLE_EQ(first.features[static_cast<size_t>(Feature::TaxPaid12m)], 15.0);  // 万元

  // In April the tax office corrects February and reports March.
  f.clock.set(at(2026, 4, 10));
  f.submit(f.taxOffice, "tax",
           "纳税人识别号,所属期,实缴税额（元）,纳税信用等级\n"
           "91410800171971661U,2026-02,250000.00,A\n"
           "91410800171971661U,2026-03,300000.00,A\n");

  // As of the old moment nothing changed: the corrected value was received later.
  auto again = f.service.compute(f.enterprise("91410800171971661U"), f.service.active(), first.asOf);
  EXPECT_EQ(again.inputsHash, first.inputsHash);
  EXPECT_EQ(again.result.score, first.result.score);
  auto verified = f.service.verify(first.scoreId);
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->reproduced);
  EXPECT_EQ(verified->recomputedScore, first.result.score);

  // Now the correction counts, and the change is recorded as a new score.
  auto now = f.service.scoreNow(f.enterprise("91410800171971661U"));
  EXPECT_DOUBLE_EQ(now.features[static_cast<size_t>(Feature::TaxPaid12m)], 65.0);
  EXPECT_DOUBLE_EQ(now.features[static_cast<size_t>(Feature::TaxCreditGrade)], 4.0);  // A
  EXPECT_NE(now.inputsHash, first.inputsHash);
  EXPECT_GT(now.result.score, first.result.score);
  EXPECT_NE(now.scoreId, first.scoreId);
  EXPECT_EQ(f.service.store().history(now.enterprise.id, 10).size(), 2u);
}

TEST(Credit, ScoringAgainWithoutChangesRecordsNothing) {
  Fixture f;
  auto e = f.enterprise("91410800MA454807XE");
  auto a = f.service.scoreNow(e);
  f.clock.advance(1h);
  auto b = f.service.scoreNow(e);
  EXPECT_EQ(a.scoreId, b.scoreId);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scores"), 1);
}

// A third party's read records the score and its audit entry in one write; a read that changes
// nothing still leaves its entry; the enterprise's own read leaves none.
TEST(Credit, AThirdPartysReadIsAuditedWithTheScoreItRecords) {
  Fixture f;
  auto e = f.enterprise("91410800MA454807XE");
  const auto actor = audit::commandLineActor();
  auto first = f.service.readProfile(actor, e, true);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scores"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.profile.read'"), 1);
  auto again = f.service.readProfile(actor, e, true);
  EXPECT_EQ(again.scoreId, first.scoreId);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scores"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.profile.read'"), 2);
  f.service.readProfile(actor, e, false);
  EXPECT_EQ(f.service.readHistory(actor, e, false).size(), 1u);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.profile.read'"), 2);
  EXPECT_EQ(f.service.readHistory(actor, e, true).size(), 1u);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.profile.read'"), 3);
}

// The exact inputs of a known enterprise: the same text on SQLite and on PostgreSQL.
TEST(Credit, SameFactsGiveTheSameInputsOnEveryDatabase) {
  Fixture f;
  f.clock.set(at(2026, 3, 10));
  f.submit(f.taxOffice, "tax",
           "纳税人识别号,所属期,实缴税额（元）,纳税信用等级\n"
           "91410800781873380U,2025-02,123456.78,A\n"
           "91410800781873380U,2026-02,234567.89,A\n");
  f.submit(f.regulator, "penalty",
           "统一社会信用代码,处罚决定书文号,处罚决定日期,处罚机关,违法事实,违法程度,罚款金额（元）\n"
           "91410800781873380U,焦市监罚〔2025〕1号,2025-06-01,焦作市市场监督管理局,虚假宣传,一般,30000\n");
  auto p = f.service.compute(f.enterprise("91410800781873380U"), f.service.active(),
                             endOfDay(*Date::parse("2026-03-15")));
  EXPECT_EQ(canonicalInputs(p.asOfDate, p.features),
            "asOf=2026-03-15;years_established=13.4;tax_paid_12m=23.46;tax_paid_24m=35.80;tax_trend=90.0;"
            "tax_credit_grade=4;insured_count=null;insured_trend=null;si_arrears_months=null;hf_arrears_months=null;"
            "utility_arrears_months=null;penalty_minor_36m=0;penalty_general_36m=1;penalty_serious_36m=0;"
            "enforcement_open=null;dishonest=null;abnormal_listed=null;serious_illegal_listed=null;"
            "licences_valid=null;patents=null;trademarks=null;hightech=null;specialised=null");
  // The score is the card's own sum of those inputs.
  EXPECT_EQ(p.result.score, score(*p.scorecard, p.features).score);
}

// Stops the run by failing the progress stream after `allowed` progress lines — as a crash
// between two chunks would.
class FailingBuffer : public std::stringbuf {
 public:
  explicit FailingBuffer(int allowed) : allowed_(allowed) {}
  int sync() override {
    if (str().find("已评分") != std::string::npos && --allowed_ < 0) throw std::runtime_error("killed");
    return 0;
  }

 private:
  int allowed_;
};

TEST(Credit, ARunCutShortResumesWhereItStopped) {
  Fixture f;
  FailingBuffer buffer(0);
  std::ostream progress(&buffer);
  progress.exceptions(std::ios::badbit);
  EXPECT_ANY_THROW(f.service.runAll(nullptr, *Date::parse("2026-03-31"), 2, &progress));
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scores"), 2);  // the first chunk was committed
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_runs WHERE status = 'running'"), 1);

  std::ostringstream out;
  auto outcome = f.service.runAll(nullptr, std::nullopt, 2, &out);
  EXPECT_TRUE(outcome.resumed);
  EXPECT_EQ(outcome.scoredNow, 1);
  EXPECT_EQ(outcome.run.enterprises, 3);
  EXPECT_EQ(outcome.run.status, "completed");
  EXPECT_EQ(outcome.run.asOf, "2026-03-31T23:59:59.999+08:00");  // its own moment, not the new call's
  EXPECT_NE(out.str().find("继续第"), std::string::npos);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scores"), 3);
  EXPECT_EQ(f.count("SELECT COUNT(DISTINCT enterprise_id) FROM credit_scores"), 3);
  EXPECT_FALSE(outcome.run.gradeCounts.empty());

  auto next = f.service.runAll(nullptr, std::nullopt, 2, nullptr);  // a new run, not a resumption
  EXPECT_FALSE(next.resumed);
  EXPECT_NE(next.run.id, outcome.run.id);

  // A chunk that a second process already committed, or one for a completed run, moves nothing.
  {
    auto conn = f.db->lease();
    EXPECT_FALSE(f.service.store().commitChunk(*conn, outcome.run.id, {}, 1));
    EXPECT_FALSE(f.service.store().completeRun(*conn, outcome.run.id, "2026-04-01T00:00:00.000+08:00", "{}"));
  }
  // Only the completion of the run that was audited is in the trail (this one ran unaudited).
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.run'"), 0);
}

TEST(Credit, OneActiveScorecardAndVersionsAreUnique) {
  Fixture f;
  const auto actor = audit::commandLineActor();
  const Acting test{actor, "test"};
  auto active = f.service.active();
  EXPECT_EQ(active.version, "expert-2026.11");
  EXPECT_EQ(active.status, "active");
  std::string copy(defaultArtifact());
  EXPECT_THROW(f.service.registerArtifact(test, copy), ApiError);  // same version
  auto pos = copy.find("\"expert-2026.11\"");
  copy.replace(pos, 16, "\"expert-2026.12\"");
  try {
    f.service.registerArtifact(test, copy);
    FAIL() << "a changed artifact kept its old checksum and was accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "scorecard_checksum_mismatch");
  }
  auto candidate = f.service.registerArtifact(test, sealArtifact(copy));
  EXPECT_EQ(candidate.status, "candidate");
  EXPECT_EQ(f.service.activate(test, candidate.id).status, "active");
  try {
    f.service.activate(test, candidate.id);
    FAIL() << "activated twice";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "scorecard_already_active");
  }
  // The registrations and the activation are in the trail, each with its change.
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.scorecard.register'"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.scorecard.activate'"), 1);
  EXPECT_EQ(f.service.active().version, "expert-2026.12");
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scorecards WHERE status = 'active'"), 1);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM credit_scorecards WHERE status = 'retired'"), 1);
}

}  // namespace
}  // namespace jinfu::credit

namespace jinfu::credit {
namespace {

TEST(Credit, TheLatestRunIsTheLatestMomentNotTheLatestMade) {
  Fixture f;
  auto now = f.service.runAll(nullptr, *Date::parse("2026-03-31"), 100, nullptr);
  auto backdated = f.service.runAll(nullptr, *Date::parse("2026-03-15"), 100, nullptr);  // history recomputed later
  auto latest = f.service.store().latestCompletedRun();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id, now.run.id);
  auto before = f.service.store().latestCompletedRun(&*latest);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->id, backdated.run.id);
  EXPECT_FALSE(f.service.store().latestCompletedRun(&backdated.run));
}

}  // namespace
}  // namespace jinfu::credit
