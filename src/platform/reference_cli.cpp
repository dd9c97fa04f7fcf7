#include "platform/reference_cli.hpp"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/cli.hpp"
#include "platform/errors.hpp"
#include "platform/uscc.hpp"

namespace jinfu {
namespace {

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

struct CalendarArgs {
  std::string date;
  int days = 0;
};

}  // namespace

void registerUsccCli(CLI::App& app, CliContext& context) {
  auto codes = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("check-uscc", "校验统一社会信用代码（参数或标准输入每行一个）");
  cmd->add_option("codes", *codes, "待校验的代码");
  context.on(cmd, [codes] { return checkUscc(*codes); });
}

void registerCalendarCli(CLI::App& app, CliContext& context) {
  auto a = std::make_shared<CalendarArgs>();
  auto* calendarCmd = app.add_subcommand("calendar", "工作日计算");
  calendarCmd->require_subcommand(1);
  auto* addCmd = calendarCmd->add_subcommand("add-workdays", "DATE 之后第 N 个工作日");
  addCmd->add_option("date", a->date, "起始日期 YYYY-MM-DD")->required();
  addCmd->add_option("n", a->days, "工作日数（可为负）")->required()->check(CLI::Range(-3650, 3650));
  context.on(addCmd, [a] {
    Date result = WorkCalendar::official().addWorkdays(dateArgument(a->date), a->days);
    if (result.year() < 1 || result.year() > 9999)
      throw ApiError::badRequest("bad_date", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."});
    std::cout << result.toString() << "\n";
    return 0;
  });
  auto* isCmd = calendarCmd->add_subcommand("is-workday", "某日是否为工作日（yes/no）");
  isCmd->add_option("date", a->date, "日期 YYYY-MM-DD")->required();
  context.on(isCmd, [a] {
    std::cout << (WorkCalendar::official().isWorkday(dateArgument(a->date)) ? "yes" : "no") << "\n";
    return 0;
  });
}

}  // namespace jinfu
