// Log-in and the caller's own account over HTTP: a table of named handlers; the JSON is views'.
#include <memory>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/account_service.hpp"
#include "platform/auth/auth_routes.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/views.hpp"
#include "platform/db/database.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"

namespace jinfu::auth {
namespace {

using http::Request;
using http::Response;

// What the handlers share: the account service (its store for sessions and attempts), the
// authenticator (clock, cookies, settings) and the audit trail.
struct Self {
  AccountService& accounts;
  Authenticator& auth;
  audit::AuditLog& audit;
  IdentityStore& store() { return accounts.store(); }
};

ApiError invalidCredentials() {
  return ApiError(401, "invalid_credentials", statusTitle(401),
                  {"用户名或密码错误。", "Wrong username or password."});
}

ApiError accountLocked() {
  return ApiError(401, "account_locked", statusTitle(401),
                  {"登录失败次数过多，账户已锁定，请 15 分钟后再试。",
                   "Too many failed log-ins; the account is locked for 15 minutes."});
}

std::string lowered(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A hash to verify against when the username does not exist, so that a log-in takes as long
// whether or not it does: the response time must not tell which usernames are real.
const std::string& decoyHash() {
  static const std::string hash = hashPassword(randomToken());
  return hash;
}

Response meResponse(IdentityStore& store, const Authenticator& auth, const Principal& me) {
  DataScope all;
  all.kind = DataScope::Kind::All;
  auto user = store.user(all, me.userId);
  auto org = store.organisation(all, me.organisationId);
  if (!user || !org) throw ApiError::notFound({"用户不存在。", "No such user."});
  return Response::json(meJson(me, *user, *org, auth.now()));
}

// Starts a new session for `userId`: a fresh token every time, so a session id planted before
// log-in is never promoted (session fixation).
Response startSession(IdentityStore& store, Authenticator& auth, const Request& req, int64_t userId) {
  std::string token = randomToken();
  std::string csrf = randomToken();
  auto ua = std::string(req.header("user-agent").value_or("")).substr(0, 300);
  auto id = store.createSession(userId, sha256Hex(token), csrf, auth.now(),
                                auth.nowPlus(std::chrono::duration_cast<std::chrono::seconds>(auth.settings().sessionAbsolute)),
                                req.remoteAddress, ua);
  Principal me = store.principalOf(userId);
  me.sessionId = id;
  me.csrfToken = csrf;
  Response res = meResponse(store, auth, me);
  res.headers.emplace_back("Set-Cookie", auth.sessionCookie(token, req));
  return res;
}

// One log-in attempt: its counters in the store and its audit entries, under the name typed.
class LoginAttempt {
 public:
  LoginAttempt(Self& self, Request& req, const std::string& login)
      : self_(self), s_(self.auth.settings()), login_(login), now_(self.auth.now()),
        windowStart_(self.auth.nowPlus(-std::chrono::duration_cast<std::chrono::seconds>(s_.failureWindow))),
        addressKey_("ip:" + req.remoteAddress) {
    // Log-in is public, so a session cookie sent along may have set a principal; the attempt must
    // be recorded as nobody's but the name typed.
    req.principal.reset();
    actor_ = audit::actorOf(req);
    actor_.username = login;
  }

  // Every attempt is counted before the (slow) password check, so that concurrent guesses cannot
  // all pass under the limits; a success forgives its own count.
  void countAddress() {
    if (store().countAttempt(addressKey_, now_, windowStart_).failures <= s_.addressFailureLimit) return;
    fail("该地址登录失败次数过多");
    ApiError e(429, "too_many_attempts", statusTitle(429),
               {"该地址登录失败次数过多，请稍后再试。", "Too many failed log-ins from this address; try later."});
    e.withHeader("Retry-After", std::to_string(std::chrono::seconds(s_.failureWindow).count()));
    throw e;
  }

  // One lock per account, whether it is named by username or mobile number; for a name that
  // matches no account, one per name typed, so both lock alike.
  void countAccount(const std::optional<LoginAccount>& account) {
    userKey_ = "user:" + lowered(account ? account->username : login_);
    auto attempts = store().countAttempt(userKey_, now_, windowStart_);
    failures_ = attempts.failures;
    lockUntil_ = self_.auth.nowPlus(std::chrono::duration_cast<std::chrono::seconds>(s_.lockFor));
    bool locked = attempts.lockedUntil && *attempts.lockedUntil > now_;
    if (!locked && failures_ <= s_.lockAfterFailures) return;
    if (!locked) store().lockAttempts(userKey_, lockUntil_);
    // No password was tried: this refusal does not count against the address, whose limit is
    // there to slow guessing.
    store().forgiveAttempt(addressKey_);
    fail("账户已锁定");
    throw accountLocked();
  }

  [[noreturn]] void refuse(const char* why) {
    fail(why);
    if (failures_ >= s_.lockAfterFailures) {
      store().lockAttempts(userKey_, lockUntil_);
      throw accountLocked();
    }
    throw invalidCredentials();
  }

  // The session the log-in starts, recorded in the trail as the account's.
  Response succeeded(const LoginAccount& account, const std::string& password, const Request& req) {
    store().forgiveAttempt(addressKey_);
    store().clearAttempts(userKey_);
    std::optional<std::string> rehash;
    if (needsRehash(account.passwordHash)) rehash = hashPassword(password);
    store().recordLogin(account.id, now_, rehash);
    auto res = startSession(store(), self_.auth, req, account.id);
    auto who = store().principalOf(account.id);
    actor_.userId = who.userId;
    actor_.username = who.username;
    actor_.organisationId = who.organisationId;
    actor_.organisationName = who.organisationName;
    actor_.organisationRegion = who.regionCode;
    self_.audit.record(actor_, {std::string(audit::action::kLogin), "success", "user", std::to_string(account.id),
                                std::nullopt, std::nullopt, ""});
    return res;
  }

 private:
  IdentityStore& store() { return self_.store(); }
  void fail(const char* why) {
    self_.audit.record(actor_, {std::string(audit::action::kLogin), "failure", "user", login_, std::nullopt,
                                std::nullopt, why});
  }

  Self& self_;
  const AuthSettings& s_;
  std::string login_, now_, windowStart_, addressKey_, userKey_, lockUntil_;
  audit::Actor actor_;
  int failures_ = 0;
};

// The two texts of a log-in or password form, as sent (422 naming each that is missing or long).
std::pair<std::string, std::string> readForm(const Request& req, const char* first, size_t firstMax,
                                             const char* second, size_t secondMax) {
  auto body = req.jsonBody();
  http::FieldReader f(body);
  std::pair<std::string, std::string> out{f.text(first, firstMax), f.text(second, secondMax)};
  f.check();
  return out;
}

Response login(Self& self, Request& req) {
  auto [login, password] = readForm(req, "username", 64, "password", 128);
  PasswordSlot slot;  // before the attempt is counted: a busy refusal is not a failure
  LoginAttempt attempt(self, req, login);
  attempt.countAddress();
  auto account = self.store().findAccount(login);
  attempt.countAccount(account);
  bool ok = verifyPassword(account ? account->passwordHash : decoyHash(), password);
  if (!account || !ok || account->disabled) attempt.refuse(account && ok ? "用户或机构已停用" : "用户名或密码错误");
  return attempt.succeeded(*account, password, req);
}

Response logout(Self& self, Request& req) {
  const auto& me = req.caller();
  if (me.sessionId) self.store().revokeSession(me.userId, *me.sessionId, self.auth.now());
  self.auth.invalidate();
  self.audit.record(audit::actorOf(req), {std::string(audit::action::kLogout), "success", "session",
                                          me.sessionId ? std::to_string(*me.sessionId) : "", std::nullopt,
                                          std::nullopt, ""});
  Response res = Response::text("", "text/plain", 204);
  res.headers.emplace_back("Set-Cookie", self.auth.clearedCookie(req));
  return res;
}

Response me(Self& self, Request& req) { return meResponse(self.store(), self.auth, req.caller()); }

Response changePassword(Self& self, Request& req) {
  auto [current, next] = readForm(req, "currentPassword", 128, "newPassword", 200);
  const auto& me = req.caller();
  self.accounts.changeOwnPassword({me, audit::actorOf(req)}, current, next);
  // Every session ended, this one too; the caller continues in a fresh one (its CSRF token comes
  // with the next GET /api/v1/auth/me).
  Response fresh = startSession(self.store(), self.auth, req, me.userId);
  Response res = Response::text("", "text/plain", 204);
  res.headers = std::move(fresh.headers);
  return res;
}

Response sessions(Self& self, Request& req) {
  const auto& me = req.caller();
  auto idleSince = self.auth.nowPlus(-std::chrono::duration_cast<std::chrono::seconds>(self.auth.settings().sessionIdle));
  auto items = nlohmann::json::array();
  for (const auto& s : self.store().liveSessions(me.userId, self.auth.now(), idleSince))
    items.push_back(sessionJson(s, me.sessionId && *me.sessionId == s.id));
  return Response::json({{"items", items}});
}

Response endSession(Self& self, Request& req) {
  const auto& me = req.caller();
  auto id = req.intParam("id");
  if (!self.store().revokeSession(me.userId, id, self.auth.now()))
    throw ApiError::notFound({"会话不存在。", "No such session."});
  self.auth.invalidate();
  self.audit.record(audit::actorOf(req), {std::string(audit::action::kSessionRevoke), "success", "session",
                                          std::to_string(id), std::nullopt, std::nullopt, ""});
  return Response::text("", "text/plain", 204);
}

}  // namespace

void addAuthRoutes(http::Router& router, AccountService& accounts, Authenticator& auth, audit::AuditLog& audit) {
  using perm::kSelf;
  const int hashing = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot
  http::addRoutes<Self>(router, std::make_shared<Self>(Self{accounts, auth, audit}), {
      {"POST", "/api/v1/auth/login", http::kPublic, "登录（用户名或手机号 + 密码）", login, hashing},
      {"POST", "/api/v1/auth/logout", kSelf, "退出登录", logout},
      {"GET", "/api/v1/auth/me", kSelf, "当前用户、机构与权限", me},
      {"PUT", "/api/v1/auth/password", kSelf, "修改本人密码（结束全部会话）", changePassword, hashing},
      {"GET", "/api/v1/auth/sessions", kSelf, "我的会话", sessions},
      {"DELETE", "/api/v1/auth/sessions/{id:int}", kSelf, "结束我的某个会话", endSession},
  });
}

}  // namespace jinfu::auth
