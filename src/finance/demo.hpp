#pragma once
// The marketplace of the demo: products of five banks (one still a draft), and the demo
// enterprise's demands at every stage — one disbursed, one refused with reasons, one directed and
// waiting for the bank, one in the pool past its claim deadline (so 超时督办 has an entry), one
// fresh in the pool. Only on a database without products: running the demo again adds nothing.
#include "platform/fwd.hpp"

namespace jinfu::finance {

struct FinanceDemo {
  int products = 0, demands = 0, applications = 0;
};

FinanceDemo loadDemo(db::Database& db, const Clock& clock);

}  // namespace jinfu::finance
