#pragma once
// The platform's types that headers name only by reference — a store's session and database, a
// command's CLI::App and context, a route table's router and audit log, the clock — declared once,
// as <iosfwd> does for streams, so that a header stays light without repeating the declarations.
namespace soci { class session; }
namespace CLI { class App; }

namespace jinfu {
class Clock;
class CliContext;
namespace db { class Database; }
namespace http { class Router; }
namespace audit { class AuditLog; }
}  // namespace jinfu
