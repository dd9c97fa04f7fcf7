#pragma once
// `jinfu user …` and `jinfu token …`: account administration on the machine, through the same
// AccountService as the admin routes, acting as the local operator (recorded as "cli:<user>").
// Passwords come from standard input, never from the command line where `ps` shows them.
#include <iosfwd>
#include <string>

#include "platform/fwd.hpp"

namespace jinfu::auth {
class AccountService;

void registerCli(CLI::App& app, CliContext& context);

// One user per role in the zone's demo organisations; existing users are left alone. Prints
// what it created. `password` empty → a random one, printed.
void ensureDemoUsers(AccountService& accounts, std::string password, std::ostream& out);

}  // namespace jinfu::auth
