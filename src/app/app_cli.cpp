#include "app/app_cli.hpp"

#include <charconv>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/cli.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/server.hpp"

namespace jinfu {
namespace {

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

int serve(CliContext& context) {
  const auto& s = context.settings;
  auto [host, port] = parseListen(s.listen);
  auto proxies = http::TrustedProxies::parse(s.trustedProxies);
  if (!proxies)
    throw ApiError::badRequest("bad_trusted_proxy", {"--trusted-proxy 应为 IP 地址或网段（如 10.0.0.0/8、::1）。",
                                                     "--trusted-proxy takes IP addresses or networks (10.0.0.0/8, ::1)."});
  auto& database = context.migrated();
  if (!context.appliedMigrations().empty()) spdlog::info("applied {} migration(s)", context.appliedMigrations().size());
  const Clock& clock = context.clock();
  http::Metrics metrics;
  auth::AuthSettings authSettings;
  authSettings.credentialCache = std::chrono::milliseconds(s.authCacheMs);
  App app(database, metrics, clock, authSettings);
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
  spdlog::info("serving {} on http://{}:{} with {} threads, web root {}", database.location().display(), host,
               server.port(), s.threads, s.webRoot);
  server.run();
  return 0;
}

}  // namespace

void registerServerCli(CLI::App& app, CliContext& context) {
  context.on(app.add_subcommand("serve", "启动 HTTP 服务（启动前自动迁移数据库）"), [&context] { return serve(context); });
  context.on(app.add_subcommand("migrate", "应用数据库迁移"), [&context] {
    auto& database = context.migrated();
    std::cout << "数据库 " << database.location().display() << " 结构版本 " << db::schemaVersion(database);
    std::cout << "（本次应用 " << context.appliedMigrations().size() << " 个迁移）" << std::endl;
    return 0;
  });
}

void registerInfoCli(CLI::App& app, CliContext& context) {
  context.on(app.add_subcommand("version", "显示版本"), [] {
    std::cout << "jinfu " << JINFU_VERSION << "\n";
    return 0;
  });
  context.on(app.add_subcommand("routes", "列出全部 HTTP 路由及其访问权限"), [&context] {
    http::Metrics metrics;
    App app(context.database(), metrics, context.clock());
    auto router = app.router();
    for (const auto& r : router.routes())
      std::cout << r.method << "\t" << r.pattern << "\t" << r.permission << "\t" << r.summary << "\n";
    return 0;
  });
}

}  // namespace jinfu
