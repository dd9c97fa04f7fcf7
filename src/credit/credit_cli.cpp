#include "credit/credit_cli.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"
#include "credit/training.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/clock.hpp"
#include "platform/csv.hpp"
#include "platform/errors.hpp"
#include "platform/text.hpp"
#include "platform/uscc.hpp"

namespace jinfu::credit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

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

// Outcome words as banks write them.
std::optional<bool> parseOutcome(std::string text) {
  text = std::string(trim(text));
  for (const char* w : {"逾期", "overdue", "bad", "1", "违约", "不良", "default"})
    if (text == w) return true;
  for (const char* w : {"结清", "已结清", "正常", "repaid", "good", "0", "正常还款", "按期还款"})
    if (text == w) return false;
  return std::nullopt;
}

const std::string* column(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const auto& h : t.header())
    for (const char* n : names)
      if (trim(h) == n) return &h;
  return nullptr;
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
      auto counts = nlohmann::json::parse(outcome.run.gradeCounts, nullptr, false);
      if (counts.is_object()) {
        out << "等级分布：";
        for (auto& [g, n] : counts.items()) out << g << " " << n.get<int64_t>() << "  ";
        out << "\n";
      }
      return 0;
    }
    auto uscc = Uscc::normalise(c.uscc);
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
    if (c.version.empty())
      throw ApiError::badRequest("version_required", {"请用 --version 给新评分卡一个版本号。", "Give --version."});
    if (c.outcomes.empty() == c.features.empty())
      throw ApiError::badRequest("source_required", {"请指定 --outcomes（按企业和日期从数据库取指标）或 --features（文件自带指标）之一。",
                                                     "Give exactly one of --outcomes or --features."});
    std::unique_ptr<CreditService> service;
    if (db) service = std::make_unique<CreditService>(*db, clock);
    std::vector<Sample> samples;
    std::string source;
    const std::string path = c.outcomes.empty() ? c.features : c.outcomes;
    std::string text = readFile(path);
    if (!text::isValidUtf8(text))
      throw ApiError::badRequest("invalid_utf8", {"文件“" + path + "”不是 UTF-8 编码。", "Not UTF-8."});
    CsvTable table = [&] {
      try {
        return CsvTable::parse(text);
      } catch (const std::invalid_argument& e) {
        throw ApiError::badRequest("malformed_csv", {"CSV 格式错误：" + std::string(e.what()), e.what()});
      }
    }();
    const std::string* outcomeCol = column(table, {"结果", "贷款结果", "还款结果", "outcome", "label", "bad"});
    if (!outcomeCol)
      throw ApiError::badRequest("column_missing", {"缺少“结果”列（逾期/结清）。", "The outcome column is missing."});
    std::vector<std::string> problems;
    auto problem = [&](size_t row, std::string what) {
      if (problems.size() < 20) problems.push_back(fmt::format("第 {} 行：{}", table.lineOf(row), what));
      else if (problems.size() == 20) problems.push_back("……");
    };
    if (!c.features.empty()) {
      source = "指标文件 " + path;
      std::vector<std::pair<size_t, const std::string*>> cols;
      for (const auto& h : table.header())
        if (auto f = featureByCode(trim(h))) cols.emplace_back(static_cast<size_t>(*f), &h);
      if (cols.empty())
        throw ApiError::badRequest("column_missing", {"指标文件没有任何可识别的指标列（列名应为指标代码，如 tax_paid_12m）。",
                                                      "No feature column (use feature codes as headers)."});
      for (size_t r = 0; r < table.rows(); ++r) {
        Sample s;
        s.x.fill(kUnknown);
        auto outcome = parseOutcome(table.at(r, *outcomeCol));
        if (!outcome) {
          problem(r, "结果“" + table.at(r, *outcomeCol) + "”无法识别（应为 逾期 或 结清）");
          continue;
        }
        s.bad = *outcome;
        bool ok = true;
        for (auto [j, h] : cols) {
          auto cell = std::string(trim(table.at(r, *h)));
          if (cell.empty()) continue;
          char* end = nullptr;
          double v = std::strtod(cell.c_str(), &end);
          if (end != cell.c_str() + cell.size() || !std::isfinite(v)) {
            problem(r, *h + " 的值“" + cell + "”不是数值");
            ok = false;
            break;
          }
          s.x[j] = v;
        }
        if (ok) samples.push_back(s);
      }
    } else {
      if (!service)
        throw ApiError::badRequest("database_required", {"--outcomes 需要数据库。", "--outcomes needs the database."});
      source = "贷款结果文件 " + path;
      const std::string* usccCol = column(table, {"统一社会信用代码", "信用代码", "uscc"});
      const std::string* dateCol = column(table, {"观察日期", "申请日期", "放款日期", "日期", "as_of", "date"});
      if (!usccCol || !dateCol)
        throw ApiError::badRequest("column_missing", {"贷款结果文件需要“统一社会信用代码”“观察日期”“结果”三列。",
                                                      "The outcomes file needs uscc, date and outcome columns."});
      auto card = service->active();
      for (size_t r = 0; r < table.rows(); ++r) {
        auto uscc = Uscc::normalise(table.at(r, *usccCol));
        auto date = Date::parse(std::string(trim(table.at(r, *dateCol))));
        auto outcome = parseOutcome(table.at(r, *outcomeCol));
        if (!date) { problem(r, "观察日期“" + table.at(r, *dateCol) + "”不是 YYYY-MM-DD"); continue; }
        if (!outcome) { problem(r, "结果“" + table.at(r, *outcomeCol) + "”无法识别（应为 逾期 或 结清）"); continue; }
        auto e = service->store().enterpriseByUscc(uscc);
        if (!e) { problem(r, "平台上没有企业 " + uscc); continue; }
        // The features the bank would have seen on that day: facts received later do not count.
        samples.push_back({service->compute(*e, card, endOfDay(*date)).features, *outcome});
      }
    }
    for (const auto& p : problems) err << "跳过 " << p << "\n";
    TrainOptions options;
    options.version = c.version;
    options.title = c.title;
    options.createdAt = rfc3339Shanghai(clock.now());
    options.source = source;
    options.minBinShare = c.minBinShare / 100.0;
    Scorecard expert = parseScorecard(defaultArtifact());
    options.reasonsFrom = &expert;
    auto result = train(samples, options);
    out << fmt::format("样本 {} 条（开发 {}，验证 {}），逾期率 {:.2f}%\n", samples.size(), result.development.sample,
                       result.validation.sample,
                       100.0 * static_cast<double>(result.development.bads + result.validation.bads) /
                           static_cast<double>(samples.size()));
    out << fmt::format("开发样本  AUC {:.4f}  KS {:.4f}\n", result.development.auc, result.development.ks);
    out << fmt::format("验证样本  AUC {:.4f}  KS {:.4f}\n", result.validation.auc, result.validation.ks);
    out << fmt::format("PSI（验证对开发）{:.4f}\n", result.psi);
    out << "入模指标：";
    for (const auto& f : result.card.features) out << info(f.feature).zh << " ";
    out << "\n";
    if (!c.out.empty()) {
      std::ofstream file(c.out, std::ios::binary | std::ios::trunc);
      file << result.artifact;
      if (!file.flush())
        throw ApiError::badRequest("file_unwritable", {"无法写入“" + c.out + "”。", "Cannot write \"" + c.out + "\"."});
      out << "评分卡已写入 " << c.out << "（校验和 " << result.card.checksum << "）\n";
    }
    if (service && c.registerCandidate) {
      auto stored = service->registerArtifact(result.artifact, "cli");
      audit::AuditLog(*db, clock).record(audit::commandLineActor(),
                                         {std::string(audit::action::kCreditScorecardRegister), "success", "scorecard",
                                          std::to_string(stored.id), std::nullopt, std::nullopt,
                                          stored.version + " " + stored.checksum});
      out << "已登记为待启用版本 " << stored.version << "（编号 " << stored.id
          << "）；管理员在“评分卡管理”中比较后启用，或运行 jinfu credit activate " << stored.version << "\n";
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
