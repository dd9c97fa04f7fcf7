#pragma once
// `jinfu credit …`: score all enterprises (streamed, resumable), score one, train a scorecard,
// load / activate / list versions, verify a stored score, seal a hand-written artifact. Every
// command answers 0 on success and 2 when it was refused (the reason on `err`, in Chinese).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI { class App; }

namespace jinfu {
class Clock;
class CliContext;
namespace db { class Database; }
}  // namespace jinfu

namespace jinfu::credit {

void registerCli(CLI::App& app, CliContext& context);

struct ScoreCommand {
  bool all = false;
  std::string uscc;   // one enterprise, when not --all
  std::string asOf;   // YYYY-MM-DD; empty = now
  int chunk = 2000;
};

struct TrainCommand {
  std::string outcomes;   // CSV: 统一社会信用代码, 观察日期, 结果 — features from the database
  std::string features;   // CSV: feature codes + outcome — features given
  bool fromPlatform = false;  // the platform's own loans: settled → good, overdue → bad
  std::string version;
  std::string title;
  std::string out;        // where to write the artifact; empty: not written
  bool registerCandidate = true;
  int minBinShare = 5;    // % of the known values a bin of a continuous feature must hold at least
};

int runScore(db::Database& db, const Clock& clock, const ScoreCommand& command, std::ostream& out, std::ostream& err);
int runTrain(db::Database* db, const Clock& clock, const TrainCommand& command, std::ostream& out, std::ostream& err);
int runLoad(db::Database& db, const Clock& clock, const std::string& file, std::ostream& out, std::ostream& err);
int runActivate(db::Database& db, const Clock& clock, const std::string& version, std::ostream& out, std::ostream& err);
int runList(db::Database& db, const Clock& clock, std::ostream& out, std::ostream& err);
int runVerify(db::Database& db, const Clock& clock, int64_t scoreId, std::ostream& out, std::ostream& err);
int runSeal(const std::string& file, std::ostream& out, std::ostream& err);

}  // namespace jinfu::credit
