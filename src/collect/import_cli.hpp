#pragma once
// `jinfu import --category C --provider P FILE`: a provider's file from the command line, through
// the same Importer as uploads and the API.
#include <iosfwd>
#include <optional>
#include <string>

#include "platform/fwd.hpp"

namespace jinfu::collect {

void registerCli(CLI::App& app, CliContext& context);

struct ImportCommand {
  std::string file;
  std::string category;
  std::string provider;  // organisation id, name or short name of a provider
  std::string format;    // empty: from the file name
  std::string encoding = "auto";
  std::optional<int64_t> resubmitOf;
  bool json = false;
};

// Exit status: 0 the batch was stored (quarantined rows included), 3 it was a duplicate,
// 2 the file or the command was refused (the reason on `err`).
int runImport(db::Database& db, const Clock& clock, const ImportCommand& command, std::ostream& out, std::ostream& err);

}  // namespace jinfu::collect
