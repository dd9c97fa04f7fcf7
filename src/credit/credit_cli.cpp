#include "credit/credit_cli.hpp"

#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"
#include "credit/outcomes.hpp"
#include "credit/training.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/cli.hpp"
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
    if (c.all) {
      std::optional<Date> asOf;
      if (!c.asOf.empty()) asOf = dateArgument(c.asOf);
      if (c.chunk < 1 || c.chunk > 100000)
        throw ApiError::badRequest("bad_chunk", {"--chunk 应在 1 到 100000 之间。", "--chunk must be 1 to 100000."});
      const auto actor = audit::commandLineActor();
      auto outcome = service.runAll(&actor, asOf, c.chunk, &out);
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
      printProfile(service.compute(*e, service.active(), endOfDay(dateArgument(c.asOf))), out);
    }
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runTrain(db::Database* db, const Clock& clock, const TrainCommand& c, std::ostream& out, std::ostream& err) {
  try {
    if (c.fromPlatform && !(c.outcomes.empty() && c.features.empty()))
      throw ApiError::badRequest("source_required", {"--from-platform 不能与 --outcomes 或 --features 同时使用。",
                                                     "--from-platform excludes --outcomes and --features."});
    if (!c.fromPlatform && c.outcomes.empty() == c.features.empty())
      throw ApiError::badRequest("source_required", {"请指定 --outcomes（按企业和日期从数据库取指标）或 --features（文件自带指标）之一。",
                                                     "Give exactly one of --outcomes or --features."});
    const std::string path = c.outcomes.empty() ? c.features : c.outcomes;
    OutcomeFile file;
    if (!c.fromPlatform) file = c.outcomes.empty() ? readFeatureSamples(readFile(path)) : readOutcomes(readFile(path));
    TrainOptions options;
    options.version = c.version;
    options.title = c.title;
    options.createdAt = rfc3339Shanghai(clock.now());
    options.source = c.fromPlatform ? "平台融资申请的还款结果（已结清/逾期）"
                                    : (c.outcomes.empty() ? "指标文件 " : "贷款结果文件 ") + path;
    options.minBinShare = c.minBinShare / 100.0;
    Training t;
    if (db) {
      CreditService service(*db, clock);
      const auto actor = audit::commandLineActor();
      Acting cli{actor, "cli"};
      t = c.fromPlatform ? service.trainFromPlatform(options, c.registerCandidate ? &cli : nullptr)
                         : service.train(file, options, c.registerCandidate ? &cli : nullptr);
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
    for (const auto& f : r.card.features) {
      out << info(f.feature).zh;
      if (r.fits[static_cast<size_t>(f.feature)].turned) out << "（非单调，一个拐点）";
      out << " ";
    }
    out << "\n";
    // Left out, each with its reason; those the sample has no value of at all on one line.
    std::string absent;
    for (const auto& d : r.dropped)
      if (r.fits[static_cast<size_t>(d.feature)].known == 0) absent += (absent.empty() ? "" : "、") + std::string(info(d.feature).zh);
      else out << "未入模：" << info(d.feature).zh << " — " << d.reason << "\n";
    if (!absent.empty()) out << "未入模（样本中全部未归集）：" << absent << "\n";
    if (!c.out.empty()) {
      std::ofstream f(c.out, std::ios::binary | std::ios::trunc);
      f << r.artifact;
      if (!f.flush())
        throw ApiError::badRequest("file_unwritable", {"无法写入“" + c.out + "”。", "Cannot write \"" + c.out + "\"."});
      out << "评分卡已写入 " << c.out << "（校验和 " << r.card.checksum << "）\n";
    }
    if (t.registered) {
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
    const auto actor = audit::commandLineActor();
    auto stored = service.registerArtifact({actor, "cli"}, readFile(file));
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
    const auto actor = audit::commandLineActor();
    service.activate({actor, "cli"}, target->id);
    out << "已启用评分卡 " << version << "（原启用版本 " << previous.version << " 已停用）\n";
    return 0;
  } catch (const ApiError& e) {
    return refused(err, e);
  }
}

int runList(db::Database& db, const Clock& clock, std::ostream& out, std::ostream& err) {
  try {
    CreditService service(db, clock);
    for (const auto& [c, card] : service.scorecards())
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

namespace {
struct CreditArgs {
  ScoreCommand score;
  TrainCommand train;
  bool trainNoRegister = false;
  std::string file;
  std::string version;
  long long scoreId = 0;
};
}  // namespace

void registerCli(CLI::App& app, CliContext& context) {
  auto a = std::make_shared<CreditArgs>();
  auto* creditCmd = app.add_subcommand("credit", "信用画像：评分、训练与评分卡版本");
  creditCmd->require_subcommand(1);
  auto* score = creditCmd->add_subcommand("score", "评分：--all 为全部企业（分批提交，中断后再次运行即续跑），或 --enterprise 指定一家");
  auto* scoreAll = score->add_flag("--all", a->score.all, "为全部企业评分并记录一次评分运行");
  score->add_option("--enterprise", a->score.uscc, "统一社会信用代码")->excludes(scoreAll);
  score->add_option("--as-of", a->score.asOf, "评分基准日 YYYY-MM-DD（只使用当日结束前已归集的数据；默认为现在）");
  score->add_option("--chunk", a->score.chunk, "每批提交的企业数")->capture_default_str();
  context.on(score, [&context, a] {
    auto& db = context.migrated();
    if (!a->score.all && a->score.uscc.empty()) {
      std::cerr << "错误：请指定 --all 或 --enterprise 统一社会信用代码\n";
      return 2;
    }
    return runScore(db, context.clock(), a->score, std::cout, std::cerr);
  });
  auto* train = creditCmd->add_subcommand("train", "训练 WoE 分箱逻辑回归评分卡，报告 AUC、KS、PSI 及每个未入模指标的原因，并登记为待启用版本");
  train->add_option("--outcomes", a->train.outcomes, "贷款结果 CSV：统一社会信用代码、观察日期、结果（逾期/结清）；指标按观察日从数据库计算");
  train->add_option("--features", a->train.features, "指标 CSV：列名为指标代码，另含“结果”列");
  train->add_flag("--from-platform", a->train.fromPlatform,
                  "用平台自身的融资申请训练：已放款后已结清为好、逾期（含逾期后结清）为坏，指标按银行作出授信决定当日计算");
  train->add_option("--version", a->train.version, "新评分卡的版本号")->required();
  train->add_option("--title", a->train.title, "新评分卡的名称");
  train->add_option("--out", a->train.out, "评分卡文件的写入路径");
  train->add_option("--min-bin-share", a->train.minBinShare,
                    "连续指标每个分箱至少占已知值的百分比（取值少的指标按取值分箱，每个取值至少 30 笔即单独成箱，不受此限）")
      ->check(CLI::Range(1, 50))->capture_default_str();
  train->add_flag("--no-register", a->trainNoRegister, "只写文件，不登记到数据库");
  context.on(train, [&context, a] {
    a->train.registerCandidate = !a->trainNoRegister;
    // Features given and nothing to register: no database is needed at all.
    if (a->trainNoRegister && !a->train.features.empty()) return runTrain(nullptr, context.clock(), a->train, std::cout, std::cerr);
    return runTrain(&context.migrated(), context.clock(), a->train, std::cout, std::cerr);
  });
  auto* load = creditCmd->add_subcommand("load", "登记评分卡文件（核对校验和）为待启用版本");
  load->add_option("FILE", a->file, "评分卡 JSON 文件")->required()->check(CLI::ExistingFile);
  context.on(load, [&context, a] { return runLoad(context.migrated(), context.clock(), a->file, std::cout, std::cerr); });
  auto* activate = creditCmd->add_subcommand("activate", "启用评分卡版本");
  activate->add_option("VERSION", a->version, "版本号")->required();
  context.on(activate, [&context, a] {
    return runActivate(context.migrated(), context.clock(), a->version, std::cout, std::cerr);
  });
  auto* list = creditCmd->add_subcommand("list", "列出评分卡版本");
  context.on(list, [&context] { return runList(context.migrated(), context.clock(), std::cout, std::cerr); });
  auto* verify = creditCmd->add_subcommand("verify", "按记录的评分卡版本和输入重算一条评分并核对");
  verify->add_option("SCORE_ID", a->scoreId, "评分记录编号")->required();
  context.on(verify, [&context, a] { return runVerify(context.migrated(), context.clock(), a->scoreId, std::cout, std::cerr); });
  auto* seal = creditCmd->add_subcommand("seal", "为手工编写的评分卡文件计算校验和，输出到标准输出");
  seal->add_option("FILE", a->file, "评分卡 JSON 文件")->required()->check(CLI::ExistingFile);
  context.on(seal, [a] { return runSeal(a->file, std::cout, std::cerr); });
}

}  // namespace jinfu::credit
