#pragma once
// The reference tools that need no database: `jinfu check-uscc` and `jinfu calendar …`.
#include "platform/fwd.hpp"

namespace jinfu {

void registerUsccCli(CLI::App& app, CliContext& context);
void registerCalendarCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
