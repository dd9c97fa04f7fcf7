#pragma once
// JSON shapes of identity objects (docs/identity-api.md), shared by the routes.
#include <nlohmann/json.hpp>

#include "platform/auth/identity_store.hpp"

namespace jinfu::auth {

// The mobile number is shown in full to the user and to whoever may manage them.
// `now` decides whether a recorded lock-out still holds.
nlohmann::json userJson(const UserRow& user, const Principal& caller, const std::string& now);
nlohmann::json organisationJson(const OrganisationRow& org);
// Every role with its permissions, and every permission, named in the caller's language.
nlohmann::json rolesJson(bool english);
nlohmann::json tokenJson(const TokenRow& token);
// One of the caller's live sessions; `current` marks the one the request came with.
nlohmann::json sessionJson(const SessionRow& session, bool current);
nlohmann::json meJson(const Principal& me, const UserRow& user, const OrganisationRow& org, const std::string& now);
// The user as recorded in the audit trail's before/after: no secrets, mobile masked.
nlohmann::json userAuditJson(const UserRow& user);

}  // namespace jinfu::auth
