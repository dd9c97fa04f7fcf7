#pragma once
namespace jinfu::http { class Router; }

namespace jinfu::registry {
class RegistryStore;
void addRoutes(http::Router& router, RegistryStore& store);
}  // namespace jinfu::registry
