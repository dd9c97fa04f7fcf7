#pragma once
// The commands of the assembled application: `jinfu serve` and `jinfu migrate`, then `jinfu
// version` and `jinfu routes` (registered apart so that `--help` keeps its order).
#include "platform/fwd.hpp"

namespace jinfu {

void registerServerCli(CLI::App& app, CliContext& context);
void registerInfoCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
