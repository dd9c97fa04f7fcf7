#pragma once
// HTTP routes of identity: log-in and the caller's own account (auth_routes.cpp), and the
// administration of users, organisations, roles and API tokens (admin_routes.cpp).
#include "platform/fwd.hpp"

namespace jinfu::auth {
class Authenticator;
class IdentityStore;
class AccountService;

void addAuthRoutes(http::Router& router, AccountService& accounts, Authenticator& auth, audit::AuditLog& audit);
// Users, organisations and tokens: thin callers of the AccountService.
void addAdminRoutes(http::Router& router, AccountService& accounts, Authenticator& auth);

}  // namespace jinfu::auth
