#include "app/finance_cli.hpp"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "app/app.hpp"
#include "finance/market.hpp"
#include "platform/cli.hpp"
#include "platform/errors.hpp"
#include "platform/http/metrics.hpp"

namespace jinfu {

void registerFinanceCli(CLI::App& app, CliContext& context) {
  auto today = std::make_shared<std::string>();
  auto* financeCmd = app.add_subcommand("finance", "融资对接");
  financeCmd->require_subcommand(1);
  auto* sweepCmd = financeCmd->add_subcommand("sweep", "执行一次超时检查（标记超时、提醒银行、接单失效退回需求池）");
  sweepCmd->add_option("--today", *today, "按此日期检查 YYYY-MM-DD（默认今天，上海时间）");
  context.on(sweepCmd, [&context, today] {
    http::Metrics metrics;
    App app(context.migrated(), metrics, context.clock());
    Date day = app.market().today();
    if (!today->empty()) {
      auto d = Date::parse(*today);
      if (!d) throw ApiError::badRequest("bad_argument", {"--today 应为 YYYY-MM-DD 格式的有效日期。", "--today must be YYYY-MM-DD."});
      day = *d;
    }
    // No lease: a sweep is safe beside the servers' own (each mark is inserted once, each lapse
    // is an optimistic update), and an operator's explicit run should not wait for them.
    auto r = app.market().sweep(day);
    std::cout << "超时检查（" << r.today.toString() << "）：检查 " << r.checked << " 项，新标记超时 " << r.marked
              << " 项，其中接单失效 " << r.lapsed << " 项" << std::endl;
    return 0;
  });
}

}  // namespace jinfu
