#pragma once
// `jinfu finance sweep [--today D]`: one run of the marketplace's time-limit check. Here in app/
// because it drives the assembled finance::Market.
#include "platform/fwd.hpp"

namespace jinfu {

void registerFinanceCli(CLI::App& app, CliContext& context);

}  // namespace jinfu
