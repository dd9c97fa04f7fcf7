#pragma once
// HTTP routes of identity: log-in and the caller's own account (auth_routes.cpp), and the
// administration of users, organisations, roles and API tokens (admin_routes.cpp).
namespace jinfu::http { class Router; }
namespace jinfu::audit { class AuditLog; }

namespace jinfu::auth {
class Authenticator;
class IdentityStore;

void addAuthRoutes(http::Router& router, IdentityStore& store, Authenticator& auth, audit::AuditLog& audit);
void addAdminRoutes(http::Router& router, IdentityStore& store, Authenticator& auth, audit::AuditLog& audit);

}  // namespace jinfu::auth
