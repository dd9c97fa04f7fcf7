#pragma once
// Logging set-up for the process: one spdlog logger writing to stderr through a buffer that is
// flushed every second and at once for warnings and errors. Writing every access-log line
// straight to stderr costs a system call per request, which showed as a fifth of the server's
// time under load; a crash loses at most the last second of info lines.
#include <string>

namespace jinfu::log {

// `level`: trace, debug, info, warn, error or off.
void setUp(const std::string& level);
// Flushes and stops the logger; call before the process exits.
void shutDown();

}  // namespace jinfu::log
