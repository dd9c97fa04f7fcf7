#pragma once
// The hash chain that makes the audit trail tamper-evident. Pure: no I/O, no clock.
//
// Every entry stores the hash of the entry before it (prev_hash) and its own hash
//   hash = hex(SHA-256(prevHash + "\n" + canonical(content)))
// with 64 zeros as the prevHash of the first entry. Changing an entry's content breaks its own
// hash; deleting, inserting or reordering entries breaks a link. Recomputing the whole chain
// after an edit is possible for someone who can write the table (there is no secret key), which
// is why the head hash should also be kept outside the database; the chain makes tampering
// detectable, the append-only triggers make it deliberate.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::audit {

// The prevHash of the first entry.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// Everything an entry says, i.e. every field the hash covers. The row id is not covered: it is
// only a locator, and the chain itself fixes the order.
struct Content {
  std::string at;  // RFC 3339, +08:00
  std::string requestId;
  std::optional<int64_t> userId;
  std::string username;
  std::optional<int64_t> organisationId;
  std::string organisationName;
  std::string organisationRegion;
  std::optional<int64_t> tokenId;
  std::string action;
  std::string objectType;
  std::string objectId;
  std::string outcome;  // success | failure | denied
  std::string ip;
  std::string userAgent;
  std::optional<std::string> beforeJson;
  std::optional<std::string> afterJson;
  std::string detail;

  bool operator==(const Content&) const = default;
};

// An entry as stored.
struct StoredEntry {
  int64_t id = 0;
  Content content;
  std::string prevHash;
  std::string hash;
};

// The bytes the hash covers: a version tag, then every field in the order of Content, each as
// `~` when absent or `<byte length>:<bytes>` when present (integers in decimal), each followed
// by `,`. Length prefixes make it unambiguous whatever the fields contain, and any language can
// reproduce it without a JSON library's escaping rules.
std::string canonical(const Content& content);

// hex(SHA-256(prevHash + "\n" + canonical(content))), 64 lower-case hex digits.
std::string chainHash(std::string_view prevHash, const Content& content);

struct ChainProblem {
  enum class Kind {
    Altered,     // the entry's content does not match its stored hash
    BrokenLink,  // its prev_hash is not the previous entry's hash: deleted, inserted or reordered
  };
  Kind kind;
  int64_t entryId;
  std::string reasonZh;
  std::string reasonEn;
};

// Checks entries one at a time, in id order, so that a table of any size is verified in
// constant memory. Reports the first problem only: after it, every later link is suspect anyway.
class ChainVerifier {
 public:
  // nullopt while the chain holds. After a problem has been reported, do not feed more entries.
  std::optional<ChainProblem> next(const StoredEntry& entry);
  int64_t checked() const { return checked_; }          // entries that passed
  const std::string& headHash() const { return head_; }  // hash of the last entry that passed

 private:
  std::string head_{kGenesisHash};
  std::optional<int64_t> previousId_;
  int64_t checked_ = 0;
};

// The whole sequence at once (for tests and small chains); nullopt when it is intact.
std::optional<ChainProblem> verifyChain(const std::vector<StoredEntry>& entries);

}  // namespace jinfu::audit
