#pragma once
// Users, organisations, sessions, API tokens and log-in attempts: identity's store. Every list and
// lookup that serves a caller takes the caller's DataScope and applies it inside the query. Other
// capabilities ask about organisations through organisation_directory.hpp; the registry still
// inserts the demo organisations and finance's stores still join `organisations` (issue 13).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/page.hpp"
#include "platform/auth/principal.hpp"
#include "platform/fwd.hpp"

namespace jinfu::auth {

struct UserRow {
  int64_t id = 0;
  std::string username;
  std::string displayName;
  std::optional<std::string> mobile;
  int64_t organisationId = 0;
  std::string organisationName;
  OrgKind orgKind = OrgKind::Provider;
  std::string regionCode;
  std::vector<std::string> roles;
  bool disabled = false;
  std::string createdAt;
  std::optional<std::string> lastLoginAt;
  std::optional<std::string> lockedUntil;  // from log-in attempts; may lie in the past
};

struct OrganisationRow {
  int64_t id = 0;
  OrgKind kind = OrgKind::Provider;
  std::string name;
  std::string shortName;
  std::string regionCode;
  std::optional<int64_t> parentId;
  std::optional<std::string> uscc;
  bool disabled = false;
  std::string createdAt;
};

struct SessionRow {
  int64_t id = 0;
  std::string createdAt, lastSeenAt, expiresAt;
  std::string ip, userAgent;
};

struct TokenRow {
  int64_t id = 0;
  std::string name, prefix;
  std::vector<std::string> permissions;
  std::string createdAt, expiresAt;
  std::optional<std::string> lastUsedAt, revokedAt;
  int64_t userId = 0;
  std::string username;
};

struct UserFilter {
  std::string q;
  std::optional<int64_t> organisationId;
  std::string role;
  std::optional<bool> disabled;
};

struct OrganisationFilter {
  std::string q;
  std::optional<OrgKind> kind;
  std::string regionCode;
};

// What the guard needs about a presented session or token, in one query.
struct Credential {
  Principal principal;
  bool userDisabled = false;
  bool orgDisabled = false;
  std::string csrfToken;      // sessions only
  std::string lastSeenAt;     // sessions: for idle expiry; tokens: last use
  std::string expiresAt;
  bool revoked = false;
  std::vector<std::string> tokenPermissions;  // tokens only
};

struct LoginAccount {
  int64_t id = 0;
  std::string username;
  std::string passwordHash;
  std::optional<std::string> mobile;
  bool disabled = false;
};

class IdentityStore {
 public:
  explicit IdentityStore(db::Database& db) : db_(db) {}
  db::Database& database() { return db_; }

  // --- log-in ---
  std::optional<LoginAccount> findAccount(const std::string& usernameOrMobile);
  void recordLogin(int64_t userId, const std::string& now, const std::optional<std::string>& newHash);
  // Log-in attempts per key ("user:…", "ip:…"). An attempt is counted atomically BEFORE the
  // password is checked, so concurrent guesses cannot all slip under the limit; a successful
  // log-in then forgives it. Counts older than `windowStart` start again from one.
  struct Attempts {
    int failures = 0;                        // including the attempt just counted
    std::optional<std::string> lockedUntil;  // may lie in the past
  };
  Attempts countAttempt(const std::string& key, const std::string& now, const std::string& windowStart);
  void lockAttempts(const std::string& key, const std::string& until);
  void forgiveAttempt(const std::string& key);
  void clearAttempts(const std::string& key);

  // --- sessions ---
  int64_t createSession(int64_t userId, const std::string& tokenHash, const std::string& csrfToken,
                        const std::string& now, const std::string& expiresAt, const std::string& ip,
                        const std::string& userAgent);
  std::optional<Credential> findSession(const std::string& tokenHash);
  void touchSession(int64_t sessionId, const std::string& now);
  bool revokeSession(int64_t userId, int64_t sessionId, const std::string& now);  // false: not the user's
  void revokeSessions(soci::session& tx, int64_t userId, const std::string& now);  // all of them
  std::vector<SessionRow> liveSessions(int64_t userId, const std::string& now, const std::string& idleSince);

  // --- API tokens ---
  int64_t createToken(soci::session& tx, int64_t userId, const std::string& name, const std::string& prefix,
                      const std::string& tokenHash, const std::vector<std::string>& permissions,
                      const std::string& now, const std::string& expiresAt);
  std::optional<Credential> findToken(const std::string& tokenHash);
  void touchToken(int64_t tokenId, const std::string& now);
  std::vector<TokenRow> tokens(const DataScope& scope);
  std::optional<TokenRow> token(const DataScope& scope, int64_t id);
  void revokeToken(soci::session& tx, int64_t id, const std::string& now);

  // --- users ---
  Principal principalOf(int64_t userId);
  Page<UserRow> users(const DataScope& scope, const UserFilter& filter, int page, int pageSize);
  std::optional<UserRow> user(const DataScope& scope, int64_t id);
  std::optional<UserRow> userByName(const std::string& username);
  bool usernameTaken(const std::string& username);
  bool mobileTaken(const std::string& mobile, int64_t exceptUserId);
  int64_t createUser(soci::session& tx, const UserRow& user, const std::string& passwordHash, const std::string& now);
  void updateUser(soci::session& tx, const UserRow& user, const std::string& now);
  void setPassword(soci::session& tx, int64_t userId, const std::string& hash, const std::string& now);
  std::vector<UserRow> allUsers();

  // --- organisations ---
  Page<OrganisationRow> organisations(const DataScope& scope, const OrganisationFilter& filter, int page,
                                      int pageSize);
  std::optional<OrganisationRow> organisation(const DataScope& scope, int64_t id);
  std::optional<OrganisationRow> organisationByName(const std::string& name);
  std::optional<OrganisationRow> organisationByUscc(const std::string& uscc);
  int64_t createOrganisation(soci::session& tx, const OrganisationRow& org, const std::string& now);
  void updateOrganisation(soci::session& tx, const OrganisationRow& org);

 private:
  db::Database& db_;
};

std::string joinRoles(const std::vector<std::string>& roles);
std::vector<std::string> splitWords(const std::string& text);

}  // namespace jinfu::auth
