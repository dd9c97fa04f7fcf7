#include "registry/registry_routes.hpp"

#include <nlohmann/json.hpp>

#include "platform/http/router.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::registry {

void addRoutes(http::Router& router, RegistryStore& store) {
  router.add({"GET", "/api/v1/summary", std::string(http::kPublic), "平台概况：市场主体、合作银行、双创载体数量",
              [&store](http::Request&) {
                auto s = store.summary();
                return http::Response::json({{"enterprises", s.enterprises}, {"banks", s.banks}, {"parks", s.parks}});
              }});
}

}  // namespace jinfu::registry
