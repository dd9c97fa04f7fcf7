#pragma once
// `jinfu audit verify`: walks the hash chain of the audit trail.
#include <ostream>

#include "platform/fwd.hpp"

namespace jinfu::audit {

void registerCli(CLI::App& app, CliContext& context);

// Prints "ok N entries", or "tampered: entry ID: reason" (the reason in Chinese) for the first
// bad entry. Returns the exit code: 0 when the chain is intact, 1 when it was tampered with.
int runVerify(db::Database& db, std::ostream& out);

}  // namespace jinfu::audit
