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

}  // namespace

void addAuthRoutes(http::Router& router, AccountService& accounts, Authenticator& auth, audit::AuditLog& audit) {
  auto& store = accounts.store();
  router.add({"POST", "/api/v1/auth/login", std::string(http::kPublic), "登录（用户名或手机号 + 密码）",
              [&](Request& req) {
                auto body = req.jsonBody();
                http::FieldReader f(body);
                std::string login = f.text("username", 64);
                std::string password = f.text("password", 128);
                f.check();
                PasswordSlot slot;  // before the attempt is counted: a busy refusal is not a failure
                const auto& s = auth.settings();
                std::string now = auth.now();
                std::string windowStart = auth.nowPlus(-std::chrono::duration_cast<std::chrono::seconds>(s.failureWindow));
                std::string addressKey = "ip:" + req.remoteAddress;
                // Log-in is public, so a session cookie sent along may have set a principal; the
                // attempt must be recorded as nobody's but the name typed.
                req.principal.reset();
                auto actor = audit::actorOf(req);
                actor.username = login;
                auto fail = [&](const char* why) {
                  audit.record(actor, {std::string(audit::action::kLogin), "failure", "user", login, std::nullopt,
                                       std::nullopt, why});
                };

                // Every attempt is counted before the (slow) password check, so that concurrent
                // guesses cannot all pass under the limits; a success forgives its own count.
                if (store.countAttempt(addressKey, now, windowStart).failures > s.addressFailureLimit) {
                  fail("该地址登录失败次数过多");
                  ApiError e(429, "too_many_attempts", statusTitle(429),
                             {"该地址登录失败次数过多，请稍后再试。", "Too many failed log-ins from this address; try later."});
                  e.withHeader("Retry-After", std::to_string(std::chrono::seconds(s.failureWindow).count()));
                  throw e;
                }
                // One lock per account, whether it is named by username or mobile number; for a
                // name that matches no account, one per name typed, so both lock alike.
                auto account = store.findAccount(login);
                std::string userKey = "user:" + lowered(account ? account->username : login);
                auto userAttempts = store.countAttempt(userKey, now, windowStart);
                std::string lockUntil = auth.nowPlus(std::chrono::duration_cast<std::chrono::seconds>(s.lockFor));
                if ((userAttempts.lockedUntil && *userAttempts.lockedUntil > now) ||
                    userAttempts.failures > s.lockAfterFailures) {
                  if (!userAttempts.lockedUntil || *userAttempts.lockedUntil <= now) store.lockAttempts(userKey, lockUntil);
                  // No password was tried: this refusal does not count against the address,
                  // whose limit is there to slow guessing.
                  store.forgiveAttempt(addressKey);
                  fail("账户已锁定");
                  throw accountLocked();
                }
                bool ok = verifyPassword(account ? account->passwordHash : decoyHash(), password);
                if (!account || !ok || account->disabled) {
                  fail(account && ok ? "用户或机构已停用" : "用户名或密码错误");
                  if (userAttempts.failures >= s.lockAfterFailures) {
                    store.lockAttempts(userKey, lockUntil);
                    throw accountLocked();
                  }
                  throw invalidCredentials();
                }
                store.forgiveAttempt(addressKey);
                store.clearAttempts(userKey);
                std::optional<std::string> rehash;
                if (needsRehash(account->passwordHash)) rehash = hashPassword(password);
                store.recordLogin(account->id, now, rehash);
                auto res = startSession(store, auth, req, account->id);
                auto who = store.principalOf(account->id);
                actor.userId = who.userId;
                actor.username = who.username;
                actor.organisationId = who.organisationId;
                actor.organisationName = who.organisationName;
                actor.organisationRegion = who.regionCode;
                audit.record(actor, {std::string(audit::action::kLogin), "success", "user", std::to_string(account->id),
                                     std::nullopt, std::nullopt, ""});
                return res;
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  router.add({"POST", "/api/v1/auth/logout", std::string(perm::kSelf), "退出登录", [&](Request& req) {
                const auto& me = req.caller();
                if (me.sessionId) store.revokeSession(me.userId, *me.sessionId, auth.now());
                auth.invalidate();
                audit.record(audit::actorOf(req), {std::string(audit::action::kLogout), "success", "session",
                                                   me.sessionId ? std::to_string(*me.sessionId) : "", std::nullopt,
                                                   std::nullopt, ""});
                Response res = Response::text("", "text/plain", 204);
                res.headers.emplace_back("Set-Cookie", auth.clearedCookie(req));
                return res;
              }});

  router.add({"GET", "/api/v1/auth/me", std::string(perm::kSelf), "当前用户、机构与权限",
              [&](Request& req) { return meResponse(store, auth, req.caller()); }});

  router.add({"PUT", "/api/v1/auth/password", std::string(perm::kSelf), "修改本人密码（结束全部会话）",
              [&](Request& req) {
                auto body = req.jsonBody();
                http::FieldReader f(body);
                std::string current = f.text("currentPassword", 128);
                std::string next = f.text("newPassword", 200);
                f.check();
                const auto& me = req.caller();
                accounts.changeOwnPassword({me, audit::actorOf(req)}, current, next);
                // Every session ended, this one too; the caller continues in a fresh one (its CSRF
                // token comes with the next GET /api/v1/auth/me).
                Response fresh = startSession(store, auth, req, me.userId);
                Response res = Response::text("", "text/plain", 204);
                res.headers = std::move(fresh.headers);
                return res;
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  router.add({"GET", "/api/v1/auth/sessions", std::string(perm::kSelf), "我的会话", [&](Request& req) {
                const auto& me = req.caller();
                auto idleSince = auth.nowPlus(-std::chrono::duration_cast<std::chrono::seconds>(auth.settings().sessionIdle));
                auto items = nlohmann::json::array();
                for (const auto& s : store.liveSessions(me.userId, auth.now(), idleSince))
                  items.push_back({{"id", s.id},
                                   {"createdAt", s.createdAt},
                                   {"lastSeenAt", s.lastSeenAt},
                                   {"expiresAt", s.expiresAt},
                                   {"ip", s.ip},
                                   {"userAgent", s.userAgent},
                                   {"current", me.sessionId && *me.sessionId == s.id}});
                return Response::json({{"items", items}});
              }});

  router.add({"DELETE", "/api/v1/auth/sessions/{id:int}", std::string(perm::kSelf), "结束我的某个会话",
              [&](Request& req) {
                const auto& me = req.caller();
                auto id = req.intParam("id");
                if (!store.revokeSession(me.userId, id, auth.now()))
                  throw ApiError::notFound({"会话不存在。", "No such session."});
                auth.invalidate();
                audit.record(audit::actorOf(req), {std::string(audit::action::kSessionRevoke), "success", "session",
                                                   std::to_string(id), std::nullopt, std::nullopt, ""});
                return Response::text("", "text/plain", 204);
              }});
}

}  // namespace jinfu::auth
