// The `jinfu` command: the server and every administrative task, one binary.
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "finance/demo.hpp"
#include "finance/market.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/server.hpp"
#include "platform/log.hpp"
#include "platform/uscc.hpp"
#include "platform/audit/audit_cli.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/auth/secrets.hpp"
#include "registry/demo.hpp"
#include "app/demo.hpp"
#include "collect/import_cli.hpp"
#include "credit/credit_cli.hpp"
#include "registry/registry_store.hpp"

namespace {

using namespace jinfu;

struct Settings {
  std::string db = "sqlite:var/jinfu.db";
  std::string listen = "127.0.0.1:8080";
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  size_t poolSize = 8;
  // Handlers that may block run here; each trip costs two thread wake-ups, so more threads than
  // this only add switching on a small machine (BENCHMARKS.md). Long work runs as jobs elsewhere.
  unsigned workers = std::max(4u, 2 * std::thread::hardware_concurrency());
  std::vector<std::string> trustedProxies;
  size_t bodyLimit = 1 << 20;
  std::string webRoot = "web/dist";
  std::string logLevel = "info";
  int authCacheMs = 2000;
  size_t uploadLimit = 100u << 20;
  int sweepSeconds = 60;
  std::string mode = "production";
  std::string now;  // a pinned clock's start; only in test and demo mode
};

// The one clock of this process: the system's, or — for tests and demos only — one pinned to the
// day their data describes. A production server refuses a pinned clock, because deadlines,
// consent expiry and the audit trail would then lie.
std::unique_ptr<Clock> makeClock(const Settings& s) {
  if (s.now.empty()) return std::make_unique<SystemClock>();
  if (s.mode == "production")
    throw ApiError::badRequest("pinned_clock_in_production",
                               {"--now（JINFU_NOW）只用于测试与演示，请同时指定 --mode test 或 --mode demo；生产模式始终使用系统时钟。",
                                "--now (JINFU_NOW) is for tests and demos only: add --mode test or --mode demo; "
                                "production always runs on the system clock."});
  auto start = parseInstant(s.now);
  if (!start)
    throw ApiError::badRequest("bad_now", {"--now 应为 YYYY-MM-DD 或 RFC 3339 时刻（如 2026-11-27T10:00:00+08:00），实际为“" + s.now + "”。",
                                           "--now must be YYYY-MM-DD or an RFC 3339 instant, got \"" + s.now + "\"."});
  return std::make_unique<PinnedClock>(*start);
}

std::pair<std::string, uint16_t> parseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  unsigned port = 0;
  if (colon != std::string::npos) {
    auto text = std::string_view(listen).substr(colon + 1);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec == std::errc() && ptr == text.data() + text.size() && port <= 65535 && colon > 0)
      return {listen.substr(0, colon), static_cast<uint16_t>(port)};
  }
  throw ApiError::badRequest("bad_listen", {"监听地址应为 主机:端口，实际为“" + listen + "”。",
                                            "--listen must be HOST:PORT, got \"" + listen + "\"."});
}

std::unique_ptr<db::Database> openDatabase(const Settings& s) {
  return db::Database::open(db::Location::parse(s.db), s.poolSize);
}

// Runs `work` with the account administration of the database in the settings.
template <class Work>
void withAccounts(const Settings& s, const Clock& clock, Work&& work) {
  auto database = openDatabase(s);
  db::migrate(*database);
  auth::IdentityStore store(*database);
  audit::AuditLog audit(*database, clock);
  auth::Accounts accounts(store, audit, clock);
  work(accounts);
}

// A password from standard input (one line), never from the command line where `ps` shows it.
std::string passwordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty())
    throw ApiError::badRequest("bad_argument", {"请从标准输入提供密码（一行）。", "Give the password on standard input."});
  return line;
}

int serve(const Settings& s, const Clock& clock) {
  auto [host, port] = parseListen(s.listen);
  auto proxies = http::TrustedProxies::parse(s.trustedProxies);
  if (!proxies)
    throw ApiError::badRequest("bad_trusted_proxy", {"--trusted-proxy 应为 IP 地址或网段（如 10.0.0.0/8、::1）。",
                                                     "--trusted-proxy takes IP addresses or networks (10.0.0.0/8, ::1)."});
  auto database = openDatabase(s);
  auto applied = db::migrate(*database);
  if (!applied.empty()) spdlog::info("applied {} migration(s)", applied.size());
  http::Metrics metrics;
  auth::AuthSettings authSettings;
  authSettings.credentialCache = std::chrono::milliseconds(s.authCacheMs);
  App app(*database, metrics, clock, authSettings);
  app.setUploadLimit(s.uploadLimit);
  app.startScheduler(std::chrono::seconds(s.sweepSeconds));
  http::ServerOptions options;
  options.host = host;
  options.port = port;
  options.threads = s.threads;
  options.workers = s.workers;
  // Half the workers may hash passwords at once; the other half keep serving everyone else.
  auth::setMaxConcurrentPasswordWork(static_cast<int>(std::max(1u, s.workers / 2)));
  options.trustedProxies = std::move(*proxies);
  options.bodyLimit = s.bodyLimit;
  options.webRoot = s.webRoot;
  options.clock = &clock;
  http::Server server(options, app.router(), metrics);
  server.bind();
  // The first line on stdout is the address, for people and for test harnesses (port 0).
  std::cout << "jinfu 已启动 / listening on http://" << host << ":" << server.port() << std::endl;
  spdlog::info("serving {} on http://{}:{} with {} threads, web root {}", database->location().display(), host,
               server.port(), s.threads, s.webRoot);
  server.run();
  return 0;
}

int migrate(const Settings& s) {
  auto database = openDatabase(s);
  auto applied = db::migrate(*database);
  std::cout << "数据库 " << database->location().display() << " 结构版本 " << db::schemaVersion(*database);
  std::cout << "（本次应用 " << applied.size() << " 个迁移）" << std::endl;
  return 0;
}

int demo(const Settings& s, const Clock& clock, bool onlyIfEmpty, bool registryOnly) {
  auto database = openDatabase(s);
  db::migrate(*database);
  if (onlyIfEmpty && !registry::RegistryStore(*database).empty()) {
    std::cout << "数据库中已有数据，未载入演示数据" << std::endl;
    return 0;
  }
  auto report = loadDemo(*database, clock, !registryOnly);
  std::cout << "演示数据已就绪：新增机构 " << report.organisations << " 个，新增企业 " << report.enterprises
            << " 家，归集批次 " << report.batches << " 个（入库 " << report.facts << " 行，隔离 " << report.quarantined
            << " 行），信用评分运行 " << report.scoringRuns << " 次" << std::endl;
  const char* password = std::getenv("JINFU_DEMO_PASSWORD");
  std::cout << "演示用户 / demo users:\n";
  withAccounts(s, clock, [&](auth::Accounts& accounts) { accounts.ensureDemoUsers(password ? password : "", std::cout); });
  if (!registryOnly) {
    // The marketplace acts as the demo users, so it comes after them.
    auto market = finance::loadDemo(*database, clock);
    if (market.products > 0)
      std::cout << "融资对接演示：金融产品 " << market.products << " 个，融资需求 " << market.demands << " 项" << std::endl;
  }
  return 0;
}

int checkUscc(const std::vector<std::string>& args) {
  std::vector<std::string> codes = args;
  if (codes.empty())
    for (std::string line; std::getline(std::cin, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) codes.push_back(line);
  int invalid = 0;
  for (const auto& raw : codes) {
    auto result = Uscc::parse(raw);
    std::string shown = Uscc::normalise(raw);
    if (result) {
      std::cout << shown << " ok\n";
    } else {
      ++invalid;
      std::cout << shown << " invalid: " << result.issue().reasonZh << "\n";
    }
  }
  std::cout.flush();
  return invalid ? 1 : 0;
}

Date parseDateArg(const std::string& text) {
  auto d = Date::parse(text);
  if (!d)
    throw ApiError::badRequest("bad_date", {"日期应为 YYYY-MM-DD 格式的有效日期，实际为“" + text + "”。",
                                            "Expected a valid YYYY-MM-DD date, got \"" + text + "\"."});
  return *d;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App cli{"jinfu — 企业融资公共服务平台 / enterprise financing public service platform"};
  // CLI11 2.1 ignores envname() on the config option, so the environment supplies its default.
  const char* configFromEnv = std::getenv("JINFU_CONFIG");
  cli.set_config("--config", configFromEnv ? configFromEnv : "", "配置文件（TOML/INI，键名同长选项）/ configuration file",
                 configFromEnv != nullptr);
  cli.require_subcommand(1);
  cli.fallthrough();
  cli.add_option("--db", s.db, "数据库：sqlite:路径 或 postgresql://…")->envname("JINFU_DB")->capture_default_str();
  cli.add_option("--listen", s.listen, "监听地址 主机:端口")->envname("JINFU_LISTEN")->capture_default_str();
  cli.add_option("--threads", s.threads, "服务线程数")->envname("JINFU_THREADS")->check(CLI::Range(1u, 256u));
  cli.add_option("--workers", s.workers, "处理请求的工作线程数（数据库、密码校验、导入在此运行，不占用收发线程）")
      ->envname("JINFU_WORKERS")->check(CLI::Range(1u, 256u))->capture_default_str();
  cli.add_option("--trusted-proxy", s.trustedProxies,
                 "受信任的反向代理地址或网段（可重复）；只有来自这些地址的 X-Forwarded-For / X-Forwarded-Proto 才被采信")
      ->envname("JINFU_TRUSTED_PROXY")->delimiter(',');
  cli.add_option("--pool-size", s.poolSize, "数据库连接池大小")->envname("JINFU_DB_POOL")->check(CLI::Range(1, 256))
      ->capture_default_str();
  cli.add_option("--body-limit", s.bodyLimit, "请求体上限（字节）")->envname("JINFU_BODY_LIMIT")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30))->capture_default_str();
  cli.add_option("--upload-limit", s.uploadLimit, "归集文件上传上限（字节）")->envname("JINFU_UPLOAD_LIMIT")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 31))->capture_default_str();
  cli.add_option("--web-root", s.webRoot, "前端构建目录")->envname("JINFU_WEB_ROOT")->capture_default_str();
  cli.add_option("--auth-cache-ms", s.authCacheMs, "会话与令牌校验结果的缓存时间（毫秒，0 为不缓存）")
      ->envname("JINFU_AUTH_CACHE_MS")->check(CLI::Range(0, 60000))->capture_default_str();
  cli.add_option("--sweep-interval", s.sweepSeconds, "超时检查的间隔（秒，0 为不在本进程检查）")
      ->envname("JINFU_SWEEP_INTERVAL")->check(CLI::Range(0, 86400))->capture_default_str();
  cli.add_option("--mode", s.mode, "运行模式：production（生产，默认）、demo（演示）、test（测试）")->envname("JINFU_MODE")
      ->check(CLI::IsMember({"production", "demo", "test"}))->capture_default_str();
  cli.add_option("--now", s.now, "固定时钟的起点（仅演示与测试模式）：YYYY-MM-DD 或 RFC 3339 时刻，此后随真实时间前进")
      ->envname("JINFU_NOW");
  cli.add_option("--log-level", s.logLevel, "日志级别")->envname("JINFU_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))->capture_default_str();

  auto* serveCmd = cli.add_subcommand("serve", "启动 HTTP 服务（启动前自动迁移数据库）");
  auto* migrateCmd = cli.add_subcommand("migrate", "应用数据库迁移");
  auto* demoCmd = cli.add_subcommand("demo", "载入演示数据（可重复执行，只补充缺少的记录）");
  bool demoIfEmpty = false;
  demoCmd->add_flag("--if-empty", demoIfEmpty, "仅当数据库中还没有机构和企业时载入");
  bool demoRegistryOnly = false;
  demoCmd->add_flag("--registry-only", demoRegistryOnly, "只载入机构、企业与演示用户，不导入各部门的归集批次");
  auto* versionCmd = cli.add_subcommand("version", "显示版本");
  auto* routesCmd = cli.add_subcommand("routes", "列出全部 HTTP 路由及其访问权限");
  std::vector<std::string> usccArgs;
  auto* usccCmd = cli.add_subcommand("check-uscc", "校验统一社会信用代码（参数或标准输入每行一个）");
  usccCmd->add_option("codes", usccArgs, "待校验的代码");
  auto* userCmd = cli.add_subcommand("user", "用户管理（密码从标准输入读取）");
  userCmd->require_subcommand(1);
  auth::NewAccount newUser;
  std::string userName;
  auto* userAdd = userCmd->add_subcommand("add", "新建用户");
  userAdd->add_option("--username", newUser.username, "用户名")->required();
  userAdd->add_option("--org", newUser.organisation, "机构名称，或 #机构编号")->required();
  userAdd->add_option("--role", newUser.roles, "角色（可重复）")->required();
  userAdd->add_option("--display-name", newUser.displayName, "姓名");
  std::string newMobile;
  userAdd->add_option("--mobile", newMobile, "手机号");
  auto* userPasswd = userCmd->add_subcommand("passwd", "设置用户密码（结束其全部会话）");
  userPasswd->add_option("username", userName, "用户名")->required();
  auto* userDisable = userCmd->add_subcommand("disable", "停用用户（结束其全部会话）");
  userDisable->add_option("username", userName, "用户名")->required();
  auto* userList = userCmd->add_subcommand("list", "列出用户");

  auto* tokenCmd = cli.add_subcommand("token", "接口令牌");
  tokenCmd->require_subcommand(1);
  std::string tokenName;
  std::vector<std::string> tokenPermissions;
  int tokenDays = 90;
  int64_t tokenId = 0;
  auto* tokenIssue = tokenCmd->add_subcommand("issue", "签发令牌（只显示一次）");
  tokenIssue->add_option("--user", userName, "令牌所属用户")->required();
  tokenIssue->add_option("--name", tokenName, "令牌名称")->required();
  tokenIssue->add_option("--permission", tokenPermissions, "权限（可重复）")->required();
  tokenIssue->add_option("--days", tokenDays, "有效天数（1–365）")->capture_default_str();
  auto* tokenRevoke = tokenCmd->add_subcommand("revoke", "吊销令牌");
  tokenRevoke->add_option("id", tokenId, "令牌编号")->required();
  auto* tokenList = tokenCmd->add_subcommand("list", "列出令牌");

  auto* auditCmd = cli.add_subcommand("audit", "审计日志");
  auditCmd->require_subcommand(1);
  auto* auditVerify = auditCmd->add_subcommand("verify", "校验审计日志哈希链，报告第一条被篡改、删除或调序的记录");

  collect::ImportCommand importArgs;
  auto* importCmd = cli.add_subcommand("import", "导入归集数据文件（CSV、XLSX、JSON Lines），与页面上传、接口报送同一流程");
  importCmd->add_option("--category", importArgs.category, "数据类别，如 tax、registration")->required();
  importCmd->add_option("--provider", importArgs.provider, "提供部门：编号、全称或简称")->required();
  importCmd->add_option("--format", importArgs.format, "csv、xlsx 或 jsonl（默认按扩展名）");
  importCmd->add_option("--encoding", importArgs.encoding, "auto、utf-8 或 gb18030（CSV）")->capture_default_str();
  importCmd->add_option("--resubmit-of", importArgs.resubmitOf, "本文件更正的批次编号");
  importCmd->add_flag("--json", importArgs.json, "以 JSON 输出结果");
  importCmd->add_option("FILE", importArgs.file, "文件路径")->required()->check(CLI::ExistingFile);

  auto* creditCmd = cli.add_subcommand("credit", "信用画像：评分、训练与评分卡版本");
  creditCmd->require_subcommand(1);
  credit::ScoreCommand scoreArgs;
  auto* creditScore = creditCmd->add_subcommand("score", "评分：--all 为全部企业（分批提交，中断后再次运行即续跑），或 --enterprise 指定一家");
  auto* scoreAll = creditScore->add_flag("--all", scoreArgs.all, "为全部企业评分并记录一次评分运行");
  creditScore->add_option("--enterprise", scoreArgs.uscc, "统一社会信用代码")->excludes(scoreAll);
  creditScore->add_option("--as-of", scoreArgs.asOf, "评分基准日 YYYY-MM-DD（只使用当日结束前已归集的数据；默认为现在）");
  creditScore->add_option("--chunk", scoreArgs.chunk, "每批提交的企业数")->capture_default_str();
  credit::TrainCommand trainArgs;
  auto* creditTrain = creditCmd->add_subcommand("train", "训练 WoE 分箱逻辑回归评分卡，报告 AUC、KS、PSI，并登记为待启用版本");
  creditTrain->add_option("--outcomes", trainArgs.outcomes, "贷款结果 CSV：统一社会信用代码、观察日期、结果（逾期/结清）；指标按观察日从数据库计算");
  creditTrain->add_option("--features", trainArgs.features, "指标 CSV：列名为指标代码，另含“结果”列");
  creditTrain->add_option("--version", trainArgs.version, "新评分卡的版本号")->required();
  creditTrain->add_option("--title", trainArgs.title, "新评分卡的名称");
  creditTrain->add_option("--out", trainArgs.out, "评分卡文件的写入路径");
  creditTrain->add_option("--min-bin-share", trainArgs.minBinShare, "每个分箱至少占样本的百分比")
      ->check(CLI::Range(1, 50))->capture_default_str();
  bool trainNoRegister = false;
  creditTrain->add_flag("--no-register", trainNoRegister, "只写文件，不登记到数据库");
  std::string creditFile;
  auto* creditLoad = creditCmd->add_subcommand("load", "登记评分卡文件（核对校验和）为待启用版本");
  creditLoad->add_option("FILE", creditFile, "评分卡 JSON 文件")->required()->check(CLI::ExistingFile);
  std::string creditVersion;
  auto* creditActivate = creditCmd->add_subcommand("activate", "启用评分卡版本");
  creditActivate->add_option("VERSION", creditVersion, "版本号")->required();
  auto* creditList = creditCmd->add_subcommand("list", "列出评分卡版本");
  long long creditScoreId = 0;
  auto* creditVerify = creditCmd->add_subcommand("verify", "按记录的评分卡版本和输入重算一条评分并核对");
  creditVerify->add_option("SCORE_ID", creditScoreId, "评分记录编号")->required();
  auto* creditSeal = creditCmd->add_subcommand("seal", "为手工编写的评分卡文件计算校验和，输出到标准输出");
  creditSeal->add_option("FILE", creditFile, "评分卡 JSON 文件")->required()->check(CLI::ExistingFile);

  auto* financeCmd = cli.add_subcommand("finance", "融资对接");
  financeCmd->require_subcommand(1);
  auto* sweepCmd = financeCmd->add_subcommand("sweep", "执行一次超时检查（标记超时、提醒银行、接单失效退回需求池）");
  std::string sweepToday;
  sweepCmd->add_option("--today", sweepToday, "按此日期检查 YYYY-MM-DD（默认今天，上海时间）");

  auto* calendarCmd = cli.add_subcommand("calendar", "工作日计算");
  calendarCmd->require_subcommand(1);
  std::string calDate;
  int calDays = 0;
  auto* addCmd = calendarCmd->add_subcommand("add-workdays", "DATE 之后第 N 个工作日");
  addCmd->add_option("date", calDate, "起始日期 YYYY-MM-DD")->required();
  addCmd->add_option("n", calDays, "工作日数（可为负）")->required()->check(CLI::Range(-3650, 3650));
  auto* isCmd = calendarCmd->add_subcommand("is-workday", "某日是否为工作日（yes/no）");
  isCmd->add_option("date", calDate, "日期 YYYY-MM-DD")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  log::setUp(*serveCmd ? s.logLevel : std::string("warn"));
  WorkCalendar::official().setWarningSink([](std::string_view message) { spdlog::warn("{}", message); });
  auto command = [&]() -> int {
    auto clockOwner = makeClock(s);
    const Clock& clock = *clockOwner;
    if (*serveCmd) return serve(s, clock);
    if (*migrateCmd) return migrate(s);
    if (*demoCmd) return demo(s, clock, demoIfEmpty, demoRegistryOnly);
    if (*versionCmd) {
      std::cout << "jinfu " << JINFU_VERSION << "\n";
      return 0;
    }
    if (*routesCmd) {
      auto database = openDatabase(s);
      http::Metrics metrics;
      App app(*database, metrics, clock);
      auto router = app.router();
      for (const auto& r : router.routes())
        std::cout << r.method << "\t" << r.pattern << "\t" << r.permission << "\t" << r.summary << "\n";
      return 0;
    }
    if (*usccCmd) return checkUscc(usccArgs);
    if (*sweepCmd) {
      auto database = openDatabase(s);
      db::migrate(*database);
      http::Metrics metrics;
      App app(*database, metrics, clock);
      Date today = app.market().today();
      if (!sweepToday.empty()) {
        auto d = Date::parse(sweepToday);
        if (!d)
          throw ApiError::badRequest("bad_argument", {"--today 应为 YYYY-MM-DD 格式的有效日期。", "--today must be YYYY-MM-DD."});
        today = *d;
      }
      // No lease: a sweep is safe beside the servers' own (each mark is inserted once, each lapse
      // is an optimistic update), and an operator's explicit run should not wait for them.
      auto r = app.market().sweep(today);
      std::cout << "超时检查（" << r.today.toString() << "）：检查 " << r.checked << " 项，新标记超时 " << r.marked
                << " 项，其中接单失效 " << r.lapsed << " 项" << std::endl;
      return 0;
    }
    if (*importCmd) {
      auto database = openDatabase(s);
      db::migrate(*database);
      return collect::runImport(*database, clock, importArgs, std::cout, std::cerr);
    }
    if (*creditCmd) {
      if (*creditSeal) return credit::runSeal(creditFile, std::cout, std::cerr);
      if (*creditTrain && trainNoRegister && !trainArgs.features.empty()) {
        trainArgs.registerCandidate = false;
        return credit::runTrain(nullptr, clock, trainArgs, std::cout, std::cerr);
      }
      auto database = openDatabase(s);
      db::migrate(*database);
      if (*creditScore) {
        if (!scoreArgs.all && scoreArgs.uscc.empty()) {
          std::cerr << "错误：请指定 --all 或 --enterprise 统一社会信用代码\n";
          return 2;
        }
        return credit::runScore(*database, clock, scoreArgs, std::cout, std::cerr);
      }
      if (*creditTrain) {
        trainArgs.registerCandidate = !trainNoRegister;
        return credit::runTrain(database.get(), clock, trainArgs, std::cout, std::cerr);
      }
      if (*creditLoad) return credit::runLoad(*database, clock, creditFile, std::cout, std::cerr);
      if (*creditActivate) return credit::runActivate(*database, clock, creditVersion, std::cout, std::cerr);
      if (*creditList) return credit::runList(*database, clock, std::cout, std::cerr);
      if (*creditVerify) return credit::runVerify(*database, clock, creditScoreId, std::cout, std::cerr);
    }
    if (*userAdd) {
      if (!newMobile.empty()) newUser.mobile = newMobile;
      newUser.password = passwordFromStdin();
      withAccounts(s, clock, [&](auth::Accounts& a) { std::cout << "已创建用户 " << newUser.username << "，编号 " << a.addUser(newUser) << "\n"; });
      return 0;
    }
    if (*userPasswd) {
      std::string password = passwordFromStdin();
      withAccounts(s, clock, [&](auth::Accounts& a) { a.setPassword(userName, password); });
      std::cout << "已设置 " << userName << " 的密码，其全部会话已结束\n";
      return 0;
    }
    if (*userDisable) {
      withAccounts(s, clock, [&](auth::Accounts& a) { a.disable(userName); });
      std::cout << "已停用 " << userName << "\n";
      return 0;
    }
    if (*userList) {
      withAccounts(s, clock, [&](auth::Accounts& a) { a.listUsers(std::cout); });
      return 0;
    }
    if (*tokenIssue) {
      withAccounts(s, clock, [&](auth::Accounts& a) { a.issueToken(userName, tokenName, tokenPermissions, tokenDays, std::cout); });
      return 0;
    }
    if (*tokenRevoke) {
      withAccounts(s, clock, [&](auth::Accounts& a) { a.revokeToken(tokenId); });
      std::cout << "已吊销令牌 " << tokenId << "\n";
      return 0;
    }
    if (*tokenList) {
      withAccounts(s, clock, [&](auth::Accounts& a) { a.listTokens(std::cout); });
      return 0;
    }
    if (*auditVerify) {
      auto database = openDatabase(s);
      db::migrate(*database);
      return audit::runVerify(*database, std::cout);
    }
    if (*addCmd) {
      Date result = WorkCalendar::official().addWorkdays(parseDateArg(calDate), calDays);
      if (result.year() < 1 || result.year() > 9999)
        throw ApiError::badRequest("bad_date", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."});
      std::cout << result.toString() << "\n";
      return 0;
    }
    std::cout << (WorkCalendar::official().isWorkday(parseDateArg(calDate)) ? "yes" : "no") << "\n";
    return 0;
  };
  int status = 0;
  try {
    status = command();
  } catch (const ApiError& e) {
    std::cerr << "错误：" << e.detail().zh << "\n";
    status = e.status() == 400 ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "错误：" << e.what() << "\n";
    status = 1;
  }
  log::shutDown();
  return status;
}
