#pragma once
// Account administration: the use cases behind the admin routes and the `jinfu user` / `jinfu
// token` commands alike, so that a user created, a password reset or a token issued obeys the
// same rules and leaves the same audit entry whichever way it came. Each write checks, writes
// through the identity store in one transaction and appends its audit entry in that transaction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit_log.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/command/runner.hpp"
#include "platform/errors.hpp"
#include "platform/fwd.hpp"

namespace jinfu::auth {

// Who acts: the principal whose rights are checked and the actor the audit trail records.
struct Acting {
  Principal principal;
  audit::Actor actor;
};

// The person at the machine running `jinfu`: platform-wide rights (the operator's), recorded in
// the trail as "cli:<operating-system user>".
Acting localOperator();

// Problems found before the service is asked (a request's malformed fields). The service adds
// its own to them, skipping fields that already have one, and throws them together (422).
using Problems = std::vector<FieldError>;

struct NewUser {
  std::string username;
  std::string displayName;
  std::optional<std::string> mobile;
  std::optional<int64_t> organisationId;  // nullopt: already refused by the caller
  std::vector<std::string> roles;
  std::string password;
};

// Only the fields present change.
struct UserChange {
  std::optional<std::string> displayName;
  std::optional<std::optional<std::string>> mobile;  // an empty inner value clears it
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> disabled;
};

struct NewToken {
  std::string name;
  std::vector<std::string> permissions;
  int days = 90;
};

struct IssuedToken {
  TokenRow row;
  std::string token;  // shown once, never stored
};

class AccountService {
 public:
  // `credentialsChanged` runs after anything that may revoke or change a credential (a server's
  // credential cache); may be empty.
  AccountService(IdentityStore& store, audit::AuditLog& audit, const Clock& clock,
                 std::function<void()> credentialsChanged = {});

  // Each throws ApiError: 422 with per-field reasons for bad input, 404 for something missing or
  // outside the actor's reach, 409 for a taken name. Nothing changes then.
  UserRow createUser(const Acting& by, const NewUser& user, Problems problems = {});
  UserRow updateUser(const Acting& by, int64_t userId, const UserChange& change, Problems problems = {});
  void resetPassword(const Acting& by, int64_t userId, const std::string& password, Problems problems = {});
  // The actor's own password: 401 invalid_credentials (and a failure in the trail) for a wrong
  // current one, 422 on newPassword for a weak new one. Ends every session of the actor.
  void changeOwnPassword(const Acting& by, const std::string& current, const std::string& next);
  OrganisationRow createOrganisation(const Acting& by, OrganisationRow org);
  // `changed` carries the id of the organisation to change.
  OrganisationRow updateOrganisation(const Acting& by, const OrganisationRow& changed);
  // A token of `owner` (the actor, or any user for the local operator): permissions that exist
  // and that the owner holds, 1–365 days, and no longer than the owner's own token when the
  // owner calls with one.
  IssuedToken issueToken(const Acting& by, const Principal& owner, const NewToken& token, Problems problems = {});
  void revokeToken(const Acting& by, int64_t tokenId);

  // Lookups within the actor's reach, for the callers that name things.
  std::optional<UserRow> user(const Acting& by, int64_t id);
  std::optional<UserRow> userByName(const Acting& by, const std::string& username);
  std::optional<OrganisationRow> organisation(const Acting& by, int64_t id);
  std::optional<OrganisationRow> organisationByName(const Acting& by, const std::string& name);
  // The principal a user acts as (for issuing a token in their name).
  Principal principalOf(const UserRow& user);

  IdentityStore& store() { return store_; }

 private:
  std::string now() const;

  IdentityStore& store_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  notify::NotificationStore notices_;  // the runner's; accounts send no 站内信 today
  command::Runner runner_;
  std::function<void()> credentialsChanged_;
};

}  // namespace jinfu::auth
