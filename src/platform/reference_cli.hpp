#pragma once
// The reference tools that need no database: `jinfu check-uscc` and `jinfu calendar …`.
namespace CLI { class App; }
namespace jinfu {
class CliContext;

void registerUsccCli(CLI::App& app, CliContext& context);
void registerCalendarCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
