#include "platform/auth/authenticator.hpp"

#include <algorithm>

#include <sodium.h>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/http/router.hpp"

namespace jinfu::auth {
namespace {

bool unsafeMethod(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool equalSecrets(const std::string& a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<std::string> sessionTokenOf(const http::Request& request) {
  for (const auto& [name, value] : request.headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      auto part = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      if (part.starts_with(kSessionCookie) && part.size() > kSessionCookie.size() && part[kSessionCookie.size()] == '=')
        return std::string(part.substr(kSessionCookie.size() + 1));
    }
  }
  return std::nullopt;
}

Authenticator::Authenticator(IdentityStore& store, audit::AuditLog& audit, const Clock& clock, AuthSettings settings)
    : store_(store), audit_(audit), clock_(clock), settings_(settings) {}

std::string Authenticator::now() const { return rfc3339Shanghai(clock_.now()); }

std::string Authenticator::nowPlus(std::chrono::seconds d) const { return rfc3339Shanghai(clock_.now() + d); }

void Authenticator::noteSeen(const std::string& hash, const std::string& now) {
  std::lock_guard lock(cacheMutex_);
  if (auto it = cache_.find(hash); it != cache_.end()) it->second.credential.lastSeenAt = now;
}

void Authenticator::invalidate() {
  std::lock_guard lock(cacheMutex_);
  cache_.clear();
}

std::optional<Credential> Authenticator::lookup(const std::string& hash, bool isToken) {
  auto ttl = settings_.credentialCache;
  auto now = std::chrono::steady_clock::now();
  if (ttl.count() > 0) {
    std::lock_guard lock(cacheMutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.fetched < ttl) return it->second.credential;
  }
  auto cred = isToken ? store_.findToken(hash) : store_.findSession(hash);
  if (cred && ttl.count() > 0) {
    std::lock_guard lock(cacheMutex_);
    if (cache_.size() >= 10'000) cache_.clear();  // bounded: a flood of tokens cannot grow it
    cache_[hash] = {*cred, now};
  }
  return cred;
}

std::optional<Principal> Authenticator::authenticate(const http::Request& request) {
  std::string now = this->now();
  if (auto authorization = request.header("authorization")) {
    if (!authorization->starts_with("Bearer ")) return std::nullopt;
    auto token = authorization->substr(7);
    if (token.size() > 200) return std::nullopt;
    auto hash = sha256Hex(token);
    auto cred = lookup(hash, true);
    if (!cred || cred->revoked || cred->expiresAt <= now || cred->userDisabled || cred->orgDisabled) return std::nullopt;
    // A token may do what it was issued for and what its user may still do, nothing more.
    auto& p = cred->principal;
    std::vector<std::string> allowed;
    for (const auto& perm : cred->tokenPermissions)
      if (p.can(perm)) allowed.push_back(perm);
    p.permissions = std::move(allowed);
    p.tokenExpiresAt = cred->expiresAt;
    if (cred->lastSeenAt.empty() || cred->lastSeenAt < nowPlus(-settings_.touchEvery)) {
      store_.touchToken(*p.tokenId, now);
      noteSeen(hash, now);
    }
    return std::move(p);
  }
  auto token = sessionTokenOf(request);
  if (!token || token->size() > 200) return std::nullopt;
  auto hash = sha256Hex(*token);
  auto cred = lookup(hash, false);
  if (!cred || cred->revoked || cred->expiresAt <= now || cred->userDisabled || cred->orgDisabled) return std::nullopt;
  auto idleSince = nowPlus(-std::chrono::duration_cast<std::chrono::seconds>(settings_.sessionIdle));
  if (cred->lastSeenAt <= idleSince) return std::nullopt;
  if (cred->lastSeenAt < nowPlus(-settings_.touchEvery)) {
    store_.touchSession(*cred->principal.sessionId, now);
    noteSeen(hash, now);
  }
  cred->principal.csrfToken = cred->csrfToken;
  return std::move(cred->principal);
}

void Authenticator::protect(http::Router& router) {
  // Admission runs on the header, before the server reads the body.
  router.admitWith([this](const http::Route& route) -> http::Admission {
    if (route.permission == http::kPublic) {
      // A public route still learns who is calling when credentials come along (the home page
      // of a logged-in user), but never refuses: bad or expired credentials make it anonymous.
      return [this](http::Request& req) {
        if (req.header("cookie") || req.header("authorization")) req.principal = authenticate(req);
      };
    }
    std::string permission = route.permission;
    return [this, permission](http::Request& req) {
      auto principal = authenticate(req);
      if (!principal)
        throw ApiError(401, "unauthenticated", statusTitle(401),
                       {"请先登录，或登录已过期。", "Log in first; the session may have expired."});
      req.principal = std::move(principal);
      if (req.principal->sessionId && unsafeMethod(req.method) &&
          !equalSecrets(req.principal->csrfToken, req.header(kCsrfHeader).value_or(""))) {
        denied(req, "CSRF 令牌缺失或错误");
        throw ApiError(403, "csrf_failed", statusTitle(403),
                       {"缺少或错误的 CSRF 令牌，请刷新页面后重试。", "Missing or wrong CSRF token; reload the page."});
      }
      if (!req.principal->can(permission)) {
        denied(req, "缺少权限 " + permission);
        throw ApiError(403, "forbidden", statusTitle(403),
                       {"您没有执行此操作的权限。", "You do not have the permission for this."});
      }
    };
  });
  router.wrap([this](const http::Route& route, http::Handler inner) -> http::Handler {
    if (route.permission == http::kPublic) return inner;
    return [this, inner = std::move(inner)](http::Request& req) -> http::Response {
      try {
        return inner(req);
      } catch (const ApiError& e) {
        // Out of scope and missing look the same to the caller; the trail tells them apart.
        if (e.status() == 404) denied(req, "对象不存在或不在数据范围内");
        throw;
      }
    };
  });
}

void Authenticator::denied(const http::Request& req, const std::string& why) {
  audit_.record(audit::actorOf(req), {std::string(audit::action::kAccessDenied), "denied", "route",
                                      req.method + " " + req.path, std::nullopt, std::nullopt, why});
}

std::string Authenticator::sessionCookie(const std::string& token, const http::Request& request) const {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(settings_.sessionAbsolute).count();
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(seconds) + (request.overTls ? "; Secure" : "");
}

std::string Authenticator::clearedCookie(const http::Request& request) const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (request.overTls ? "; Secure" : "");
}

}  // namespace jinfu::auth
