#pragma once
// The one way a use case writes (in the manner of Apache Fineract's command processing): every
// change of state runs
//
//   load    → what the decision needs, read before the transaction (the stores' plain reads);
//   decide  → pure: the capability's rules say what happens, or refuse (ApiError 409/422) —
//             nothing has been written yet, so a refusal changes nothing;
//   apply   → inside one transaction: the store writes the decision (optimistically: a row that
//             changed since it was loaded throws 409 and the transaction rolls back), and
//             records in Effects what the trail and the other parties must learn;
//   audit   → the Effects' audit entries, in the same transaction;
//   notify  → the Effects' notices (站内信), in the same transaction —
//
// so that a change, its audit trail and its notices commit together or not at all. Services call
// run(); nothing else opens a write transaction on their behalf.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "platform/audit/audit_log.hpp"
#include "platform/db/database.hpp"
#include "platform/notify/notifications.hpp"
#include "platform/fwd.hpp"

namespace jinfu::command {

// What a command did besides its own rows.
class Effects {
 public:
  // An entry of the audit trail, under the acting principal.
  void audit(audit::Entry entry) { audit_.push_back(std::move(entry)); }
  // A 站内信 to every active user of an organisation; none when there is no organisation to tell.
  void tell(std::optional<int64_t> organisationId, notify::Message message) {
    if (organisationId) notices_.emplace_back(*organisationId, std::move(message));
  }

 private:
  friend class Runner;
  std::vector<audit::Entry> audit_;
  std::vector<std::pair<int64_t, notify::Message>> notices_;
};

class Runner {
 public:
  Runner(db::Database& db, audit::AuditLog& audit, notify::NotificationStore& notices, const Clock& clock)
      : db_(db), audit_(audit), notices_(notices), clock_(clock) {}

  // load() → Loaded; decide(const Loaded&) → Decision; apply(tx, const Loaded&, const Decision&,
  // Effects&) → the result. Returns apply's result once committed.
  template <class Load, class Decide, class Apply>
  auto run(const audit::Actor& actor, Load&& load, Decide&& decide, Apply&& apply) {
    auto loaded = load();
    auto decision = decide(std::as_const(loaded));
    return write(actor, [&](soci::session& tx, Effects& effects) {
      return apply(tx, std::as_const(loaded), std::as_const(decision), effects);
    });
  }

  // The apply stage alone, for a use case with nothing to load or decide (a create whose input
  // the reader has already checked).
  template <class Apply>
  auto write(const audit::Actor& actor, Apply&& apply) {
    return db_.transaction([&](soci::session& tx) {
      Effects effects;
      if constexpr (std::is_void_v<decltype(apply(tx, effects))>) {
        apply(tx, effects);
        finish(tx, actor, effects);
      } else {
        auto result = apply(tx, effects);
        finish(tx, actor, effects);
        return result;
      }
    });
  }

  const Clock& clock() const { return clock_; }

 private:
  void finish(soci::session& tx, const audit::Actor& actor, const Effects& effects);

  db::Database& db_;
  audit::AuditLog& audit_;
  notify::NotificationStore& notices_;
  const Clock& clock_;
};

}  // namespace jinfu::command
