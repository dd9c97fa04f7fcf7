#pragma once
// The demo: the zone's organisations and enterprises (registry::loadDemo), then what the
// departments "sent" — data/demo/collect/*.csv — through the real importer, so every demo fact
// has a provider, a batch, a row and a receipt time. Monthly categories arrive as one batch per
// month, received some working days after the month ended, so the timeliness report has
// something true to say. Then two credit scoring runs. (The marketplace, finance/demo.hpp, needs
// the demo users and is loaded after them.) Idempotent: a second run finds every batch already submitted.
#include <string>

#include "platform/fwd.hpp"

namespace jinfu {

struct DemoLoad {
  int organisations = 0;  // newly inserted
  int enterprises = 0;
  int batches = 0;        // newly stored batches
  long long facts = 0;    // rows accepted in them
  long long quarantined = 0;
  int scoringRuns = 0;    // credit scoring runs made (two on a fresh database)
};

// `withCollection` false loads the registry only: tests that reason about collection from an
// empty slate start there.
DemoLoad loadDemo(db::Database& db, const Clock& clock, bool withCollection = true);

}  // namespace jinfu
