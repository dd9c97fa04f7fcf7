#pragma once
// The HTTP face of collection (docs/collect-api.md): the data catalogue, batch submission and
// review, the timeliness report, and an enterprise's collected facts and change history.
#include <cstddef>

#include "platform/auth/consent.hpp"
#include "platform/fwd.hpp"

namespace jinfu {
namespace registry { class RegistryStore; }
namespace jobs { class Runner; }
}  // namespace jinfu

namespace jinfu::collect {

class CatalogueService;
class CollectStore;
class Importer;

struct Deps {
  CollectStore& store;
  registry::RegistryStore& registry;
  Importer& importer;
  CatalogueService& catalogue;      // the catalogue and who provides each category
  audit::AuditLog& audit;
  const Clock& clock;
  jobs::Runner& jobs;               // where an import asked to run in the background goes
  size_t uploadLimit = 100u << 20;  // bytes of one uploaded file
  auth::ConsentCheck consent;       // whether a bank may read a category of an enterprise's data
};

void addRoutes(http::Router& router, const Deps& deps);

}  // namespace jinfu::collect
