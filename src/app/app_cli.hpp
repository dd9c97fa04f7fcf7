#pragma once
// The commands of the assembled application: `jinfu serve` and `jinfu migrate`, then `jinfu
// version` and `jinfu routes` (registered apart so that `--help` keeps its order).
namespace CLI { class App; }
namespace jinfu {
class CliContext;

void registerServerCli(CLI::App& app, CliContext& context);
void registerInfoCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
