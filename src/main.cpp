// The `jinfu` command: the server and every administrative task, one binary. main parses the
// global options, lets each capability register its commands, and runs the one chosen.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/app_cli.hpp"
#include "app/demo_cli.hpp"
#include "app/finance_cli.hpp"
#include "collect/import_cli.hpp"
#include "credit/credit_cli.hpp"
#include "platform/audit/audit_cli.hpp"
#include "platform/auth/accounts_cli.hpp"
#include "platform/calendar.hpp"
#include "platform/cli.hpp"
#include "platform/errors.hpp"
#include "platform/log.hpp"
#include "platform/reference_cli.hpp"

int main(int argc, char** argv) {
  using namespace jinfu;
  CliContext context;
  Settings& s = context.settings;
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

  // In the order `--help` lists them.
  registerServerCli(cli, context);
  registerDemoCli(cli, context);
  registerInfoCli(cli, context);
  registerUsccCli(cli, context);
  auth::registerCli(cli, context);
  audit::registerCli(cli, context);
  collect::registerCli(cli, context);
  credit::registerCli(cli, context);
  registerFinanceCli(cli, context);
  registerCalendarCli(cli, context);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  log::setUp(cli.got_subcommand("serve") ? s.logLevel : std::string("warn"));
  WorkCalendar::official().setWarningSink([](std::string_view message) { spdlog::warn("{}", message); });
  auto command = [&]() -> int {
    // Every command, even one that needs no clock, refuses a pinned clock in production.
    context.clock();
    const auto* chosen = context.chosen();
    if (!chosen) throw std::logic_error("a parsed command without a handler");
    return (*chosen)();
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
  context.close();
  log::shutDown();
  return status;
}
