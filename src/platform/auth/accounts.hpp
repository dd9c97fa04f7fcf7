#pragma once
// Account administration outside HTTP: the `jinfu user` and `jinfu token` commands and the demo
// users. They write through the same store and leave the same audit entries as the web UI, with
// the operating-system user as the actor.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace jinfu { class Clock; }
namespace jinfu::audit { class AuditLog; }

namespace jinfu::auth {
class IdentityStore;

struct NewAccount {
  std::string username;
  std::string displayName;
  std::optional<std::string> mobile;
  std::string organisation;        // name, or "#ID"
  std::vector<std::string> roles;
  std::string password;
};

class Accounts {
 public:
  Accounts(IdentityStore& store, audit::AuditLog& audit, const Clock& clock) : store_(store), audit_(audit), clock_(clock) {}

  // Each throws ApiError with a Chinese message for bad input (unknown organisation, role that
  // does not fit, weak password, taken username …) and changes nothing then.
  int64_t addUser(const NewAccount& account);
  void setPassword(const std::string& username, const std::string& password);
  void disable(const std::string& username);
  void listUsers(std::ostream& out);
  // Prints the token once; returns its id.
  int64_t issueToken(const std::string& username, const std::string& name, const std::vector<std::string>& permissions,
                     int days, std::ostream& out);
  void revokeToken(int64_t id);
  void listTokens(std::ostream& out);

  // One user per role in the zone's demo organisations; existing users are left alone.
  // Prints what it created. `password` empty → a random one, printed.
  void ensureDemoUsers(std::string password, std::ostream& out);

 private:
  IdentityStore& store_;
  audit::AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace jinfu::auth
