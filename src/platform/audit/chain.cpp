#include "platform/audit/chain.hpp"

#include <stdexcept>

#include <sodium.h>

namespace jinfu::audit {
namespace {

// Bumped if the encoding ever changes, so that old and new entries can never be confused.
constexpr std::string_view kVersionTag = "jinfu-audit-v1\n";

void text(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ',';
}

void optText(std::string& out, const std::optional<std::string>& value) {
  if (value) text(out, *value);
  else out += "~,";
}

void optInt(std::string& out, const std::optional<int64_t>& value) {
  if (value) text(out, std::to_string(*value));
  else out += "~,";
}

std::string idText(int64_t id) { return std::to_string(id); }

}  // namespace

std::string canonical(const Content& c) {
  std::string out(kVersionTag);
  text(out, c.at);
  text(out, c.requestId);
  optInt(out, c.userId);
  text(out, c.username);
  optInt(out, c.organisationId);
  text(out, c.organisationName);
  text(out, c.organisationRegion);
  optInt(out, c.tokenId);
  text(out, c.action);
  text(out, c.objectType);
  text(out, c.objectId);
  text(out, c.outcome);
  text(out, c.ip);
  text(out, c.userAgent);
  optText(out, c.beforeJson);
  optText(out, c.afterJson);
  text(out, c.detail);
  return out;
}

std::string chainHash(std::string_view prevHash, const Content& content) {
  // libsodium asks for sodium_init() before first use; it is idempotent and thread-safe.
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  std::string message(prevHash);
  message += '\n';
  message += canonical(content);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::optional<ChainProblem> ChainVerifier::next(const StoredEntry& entry) {
  const std::string id = idText(entry.id);
  if (entry.prevHash != head_) {
    if (!previousId_)
      return ChainProblem{ChainProblem::Kind::BrokenLink, entry.id,
                          "第 " + id + " 条记录的前序哈希不是链首值：它之前的记录被删除或调换。",
                          "entry " + id + " does not link to the start of the chain: entries before it were deleted or reordered."};
    const std::string prev = idText(*previousId_);
    return ChainProblem{ChainProblem::Kind::BrokenLink, entry.id,
                        "第 " + id + " 条记录的前序哈希与上一条记录（第 " + prev + " 条）的哈希不符：其间的记录被删除、插入或调换。",
                        "entry " + id + " does not link to the previous entry " + prev +
                            ": entries between them were deleted, inserted or reordered."};
  }
  if (chainHash(entry.prevHash, entry.content) != entry.hash)
    return ChainProblem{ChainProblem::Kind::Altered, entry.id,
                        "第 " + id + " 条记录的内容与其哈希值不符：记录被篡改。",
                        "entry " + id + "'s content does not match its hash: the entry was altered."};
  head_ = entry.hash;
  previousId_ = entry.id;
  ++checked_;
  return std::nullopt;
}

std::optional<ChainProblem> verifyChain(const std::vector<StoredEntry>& entries) {
  ChainVerifier verifier;
  for (const auto& e : entries)
    if (auto problem = verifier.next(e)) return problem;
  return std::nullopt;
}

}  // namespace jinfu::audit
