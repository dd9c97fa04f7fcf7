#pragma once
// Decides who is calling and whether they may: reads the session cookie or the API token,
// checks expiry, revocation, CSRF and the route's permission, and records every denial in the
// audit trail. `protect` wraps every non-public route of a router with these checks, so a
// handler only runs for a caller that may call it and finds that caller on Request::principal.
#include <chrono>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>

#include "platform/auth/identity_store.hpp"
#include "platform/fwd.hpp"

namespace jinfu::audit {
class AuditLog;
}
namespace jinfu::http {
class Router;
struct Request;
}  // namespace jinfu::http

namespace jinfu::auth {

inline constexpr std::string_view kSessionCookie = "jinfu_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct AuthSettings {
  std::chrono::minutes sessionIdle{30};
  std::chrono::hours sessionAbsolute{12};
  int lockAfterFailures = 5;                // per username
  std::chrono::minutes lockFor{15};
  int addressFailureLimit = 20;             // per client address, then 429
  std::chrono::minutes failureWindow{15};
  std::chrono::seconds touchEvery{60};      // how stale last-seen may get before a write
  // How long a looked-up session or token is reused without asking the database again. Within
  // this process a revocation (log-out, password change, disabling) clears it at once; one made
  // by another server process takes effect within this time. Zero turns the cache off.
  std::chrono::milliseconds credentialCache{2000};
};

class Authenticator {
 public:
  Authenticator(IdentityStore& store, audit::AuditLog& audit, const Clock& clock, AuthSettings settings = {});

  // The caller behind the request's cookie or bearer token, or nullopt when there is none or it
  // is expired, revoked or belongs to a disabled user or organisation.
  std::optional<Principal> authenticate(const http::Request& request);

  // Gives every route its admission: a protected one refuses callers without valid credentials,
  // CSRF token or permission (before the body is read); a public one only notes the caller when
  // credentials are present. A protected route's 404 (missing or out of scope) is audited.
  void protect(http::Router& router);

  const AuthSettings& settings() const { return settings_; }
  std::string now() const;
  std::string nowPlus(std::chrono::seconds d) const;

  // Set-Cookie values for a new session and for logging out.
  std::string sessionCookie(const std::string& token, const http::Request& request) const;
  std::string clearedCookie(const http::Request& request) const;

  // Forgets every cached credential; called after anything that revokes or changes one.
  void invalidate();

 private:
  std::optional<Credential> lookup(const std::string& hash, bool isToken);
  void denied(const http::Request& req, const std::string& why);  // an access_denied audit entry
  void noteSeen(const std::string& hash, const std::string& now);  // after touching last-seen

  struct Cached {
    Credential credential;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex cacheMutex_;
  std::unordered_map<std::string, Cached> cache_;  // by token hash

  IdentityStore& store_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  AuthSettings settings_;
};

// The session token from the Cookie header, if any.
std::optional<std::string> sessionTokenOf(const http::Request& request);

}  // namespace jinfu::auth
