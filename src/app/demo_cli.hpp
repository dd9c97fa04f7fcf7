#pragma once
// `jinfu demo [--if-empty] [--registry-only]`: the demo data (app/demo.hpp), the demo users and
// the marketplace, in that order.
#include "platform/fwd.hpp"

namespace jinfu {

void registerDemoCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
