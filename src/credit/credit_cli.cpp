#include "credit/credit_cli.hpp"

#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"
#include "credit/outcomes.hpp"
#include "credit/training.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/clock.hpp"
#include "platform/errors.hpp"
#include "platform/uscc.hpp"

namespace jinfu::credit {
namespace {

int refused(std::ostream& err, const ApiError& e) {
  err << "错误：" << e.detail().zh;
  for (const auto& fe : e.errors()) err << "\n  " << (fe.field.empty() ? "" : fe.field + "：") << fe.message.zh;
  err << "\n";
  return 2;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ApiError::badRequest("file_unreadable", {"无法读取文件“" + path + "”。", "Cannot read \"" + path + "\"."});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Date dateArg(const std::string& text) {
  auto d = Date::parse(text);
  if (!d)
    throw ApiError::badRequest("bad_date", {"日期应为 YYYY-MM-DD，实际为“" + text + "”。",
                                            "Expected YYYY-MM-DD, got \"" + text + "\"."});
  return *d;
}

void printProfile(const Profile& p, std::ostream& out) {
  out << fmt::format("{}（{}）截至 {}：{} 分，{}级（{}），评分卡 {}\n", p.enterprise.name, p.enterprise.uscc, p.asOf,
                     p.result.score, p.result.grade->grade, p.result.grade->zh, p.card.version);
  for (size_t i = 0; i < p.scorecard->features.size(); ++i) {
    const auto& f = p.scorecard->features[i];
    out << fmt::format("  {:<24} {:<16} {:>5} / {}\n", info(f.feature).zh,
                       displayValue(f.feature, p.features[static_cast<size_t>(f.feature)]), p.result.points[i],
                       f.maxPoints);
  }
  for (const auto& r : rankReasons(*p.scorecard, p.result))
    out << fmt::format("  [{}] {}（-{}）→ {}（{}）\n", r.reason->code, r.reason->zh, r.pointsLost, r.reason->remedy,
                       r.reason->department);
}

}  // namespace

int runScore(db::Database& db, const Clock& clock, const ScoreCommand& c, std::ostream& out, std::ostream& err) {
  try {
    CreditService service(db, clock);
    audit::AuditLog audit(db, clock);
    if (c.all) {
      std::optional<Date> asOf;
      if (!c.asOf.empty()) asOf = dateArg(c.asOf);
      if (c.chunk < 1 || c.chunk > 100000)
        throw ApiError::badRequest("bad_chunk", {"--chunk 应在 1 到 100000 之间。", "--chunk must be 1 to 100000."});
      auto outcome = service.runAll(asOf, c.chunk, &out);
      audit.record(audit::commandLineActor(),
                   {std::string(audit::action::kCreditRun), "success", "credit_run", std::to_string(outcome.run.id),
                    std::nullopt, std::nullopt,
                    fmt::format("{} 家，评分卡 {}，截至 {}", outcome.run.enterprises, outcome.run.scorecardVersion,
                                outcome.run.asOf)});
      out << fmt::format("第 {} 次评分运行完成：{} 家企业（本次 {} 家，用时 {:.1f} 秒）\n", outcome.run.id,
                         outcome.run.enterprises, outcome.scoredNow, outcome.seconds);
      auto regions = nlohmann::json::parse(outcome.run.gradeCounts, nullptr, false);
      std::map<std::string, int64_t> counts;
      if (regions.is_object())
        for (auto& [region, grades] : regions.items())
          for (auto& [grade, n] : grades.items()) counts[grade] += n.get<int64_t>();
      out << "等级分布：";
      for (const auto& [g, n] : counts) out << g << " " << n << "  ";
      out << "\n";
      return 0;
    }
    auto uscc = Uscc::normalise(c.uscc);
    if (auto check = Uscc::parse(uscc); !check)
      throw ApiError::badRequest("invalid_uscc", {"统一社会信用代码“" + uscc + "”不合法：" + check.issue().reasonZh,
                                                  "Invalid USCC \"" + uscc + "\"."});
    auto e = service.store().enterpriseByUscc(uscc);
    if (!e) throw ApiError::notFound({"没有统一社会信用代码为 " + uscc + " 的企业。", "No enterprise " + uscc + "."});
    if (c.asOf.empty()) {
      printProfile(service.scoreNow(*e), out);
    } else {
      printProfile(service.compute(*e, service.active(), endOfDay(dateArg(c.asOf))), out);
    }
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runTrain(db::Database* db, const Clock& clock, const TrainCommand& c, std::ostream& out, std::ostream& err) {
  try {
    if (c.outcomes.empty() == c.features.empty())
      throw ApiError::badRequest("source_required", {"请指定 --outcomes（按企业和日期从数据库取指标）或 --features（文件自带指标）之一。",
                                                     "Give exactly one of --outcomes or --features."});
    const std::string path = c.outcomes.empty() ? c.features : c.outcomes;
    OutcomeFile file = c.outcomes.empty() ? readFeatureSamples(readFile(path)) : readOutcomes(readFile(path));
    TrainOptions options;
    options.version = c.version;
    options.title = c.title;
    options.createdAt = rfc3339Shanghai(clock.now());
    options.source = (c.outcomes.empty() ? "指标文件 " : "贷款结果文件 ") + path;
    options.minBinShare = c.minBinShare / 100.0;
    Training t;
    if (db) {
      CreditService service(*db, clock);
      t = service.train(file, options, c.registerCandidate ? "cli" : "");
    } else {  // a feature file trained without a database: no baseline, nothing registered
      Scorecard expert = parseScorecard(defaultArtifact());
      options.reasonsFrom = &expert;
      t.problems = file.problems;
      t.samples = file.samples.size();
      t.result = train(file.samples, options);
    }
    for (const auto& p : t.problems) err << "跳过 " << p << "\n";
    const auto& r = t.result;
    out << fmt::format("样本 {} 条（开发 {}，验证 {}），逾期率 {:.2f}%\n", t.samples, r.development.sample,
                       r.validation.sample,
                       100.0 * static_cast<double>(r.development.bads + r.validation.bads) /
                           static_cast<double>(std::max<size_t>(t.samples, 1)));
    out << fmt::format("开发样本  AUC {:.4f}  KS {:.4f}\n", r.development.auc, r.development.ks);
    out << fmt::format("验证样本  AUC {:.4f}  KS {:.4f}\n", r.validation.auc, r.validation.ks);
    if (r.baseline) out << fmt::format("当前启用评分卡在同一验证样本上  AUC {:.4f}  KS {:.4f}\n", r.baseline->auc, r.baseline->ks);
    out << fmt::format("PSI（验证对开发）{:.4f}\n", r.psi);
    out << "入模指标：";
    for (const auto& f : r.card.features) out << info(f.feature).zh << " ";
    out << "\n";
    if (!c.out.empty()) {
      std::ofstream f(c.out, std::ios::binary | std::ios::trunc);
      f << r.artifact;
      if (!f.flush())
        throw ApiError::badRequest("file_unwritable", {"无法写入“" + c.out + "”。", "Cannot write \"" + c.out + "\"."});
      out << "评分卡已写入 " << c.out << "（校验和 " << r.card.checksum << "）\n";
    }
    if (t.registered) {
      audit::AuditLog(*db, clock).record(audit::commandLineActor(),
                                         {std::string(audit::action::kCreditScorecardRegister), "success", "scorecard",
                                          std::to_string(t.registered->id), std::nullopt, std::nullopt,
                                          t.registered->version + " " + t.registered->checksum});
      out << "已登记为待启用版本 " << t.registered->version << "（编号 " << t.registered->id
          << "）；管理员在“评分卡管理”中比较后启用，或运行 jinfu credit activate " << t.registered->version << "\n";
    }
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runLoad(db::Database& db, const Clock& clock, const std::string& file, std::ostream& out, std::ostream& err) {
  try {
    CreditService service(db, clock);
    auto stored = service.registerArtifact(readFile(file), "cli");
    audit::AuditLog(db, clock).record(audit::commandLineActor(),
                                      {std::string(audit::action::kCreditScorecardRegister), "success", "scorecard",
                                       std::to_string(stored.id), std::nullopt, std::nullopt,
                                       stored.version + " " + stored.checksum});
    out << "已登记评分卡 " << stored.version << "（编号 " << stored.id << "，" << stored.checksum << "），待启用\n";
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runActivate(db::Database& db, const Clock& clock, const std::string& version, std::ostream& out,
                std::ostream& err) {
  try {
    CreditService service(db, clock);
    auto previous = service.active();
    auto target = service.store().scorecardByVersion(version);
    if (!target) throw ApiError::notFound({"没有版本为“" + version + "”的评分卡。", "No scorecard " + version + "."});
    service.parsed(*target);
    audit::AuditLog audit(db, clock);
    bool changed = service.activate(target->id, "cli", [&](soci::session& tx) {
      audit.append(tx, audit::commandLineActor(),
                   {std::string(audit::action::kCreditScorecardActivate), "success", "scorecard",
                    std::to_string(target->id), nlohmann::json({{"active", previous.version}}).dump(),
                    nlohmann::json({{"active", target->version}}).dump(), target->checksum});
    });
    if (!changed) throw ApiError::conflict("scorecard_already_active", {"评分卡“" + version + "”已是启用版本。", "Already active."});
    out << "已启用评分卡 " << version << "（原启用版本 " << previous.version << " 已停用）\n";
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runList(db::Database& db, const Clock& clock, std::ostream& out, std::ostream& err) {
  try {
    CreditService service(db, clock);
    service.active();
    for (const auto& c : service.store().scorecards())
      out << fmt::format("{:>4}  {:<20} {:<10} {:<12} {}  {}\n", c.id, c.version, c.status, c.method, c.createdAt,
                         c.checksum);
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runVerify(db::Database& db, const Clock& clock, int64_t scoreId, std::ostream& out, std::ostream& err) {
  try {
    CreditService service(db, clock);
    auto v = service.verify(scoreId);
    if (!v) throw ApiError::notFound({"没有编号为 " + std::to_string(scoreId) + " 的评分记录。", "No such score."});
    out << fmt::format("评分 {}：评分卡 {}，截至 {}\n  记录：{} 分 {} 级 {}\n  重算：{} 分 {} 级 {}\n", v->stored.id,
                       v->stored.scorecardVersion, v->stored.asOf, v->stored.score, v->stored.grade,
                       v->stored.inputsHash, v->recomputedScore, v->recomputedGrade, v->recomputedInputsHash);
    out << (v->reproduced ? "结果一致，可复现\n" : "结果不一致\n");
    return v->reproduced ? 0 : 1;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runSeal(const std::string& file, std::ostream& out, std::ostream& err) {
  try {
    auto sealed = sealArtifact(readFile(file));
    parseScorecard(sealed);  // refuse to seal what would not load
    out << sealed;
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

}  // namespace jinfu::credit
