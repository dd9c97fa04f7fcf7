#pragma once
// The demo data compiled into the binary (data/demo/*.csv): the zone's organisations and about
// two hundred synthetic enterprises. Loading is idempotent.
#include <string>

#include "platform/fwd.hpp"

namespace jinfu::registry {

struct DemoReport {
  int organisations = 0;  // newly inserted
  int enterprises = 0;
};

// Throws std::invalid_argument naming file and line when the bundled data is inconsistent
// (it is checked in full before anything is written).
DemoReport loadDemo(db::Database& db, const std::string& now);

}  // namespace jinfu::registry
