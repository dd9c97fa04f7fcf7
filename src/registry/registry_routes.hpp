#pragma once
namespace jinfu::http { class Router; }
namespace jinfu::audit { class AuditLog; }

namespace jinfu::registry {
class RegistryStore;
void addRoutes(http::Router& router, RegistryStore& store, audit::AuditLog& audit);
}  // namespace jinfu::registry
