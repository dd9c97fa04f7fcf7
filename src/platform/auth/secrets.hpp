#pragma once
// Passwords, session and API tokens, and the policy a new password must meet. Hashing uses
// libsodium: argon2id for passwords (slow on purpose), SHA-256 for random tokens (they carry
// 256 bits of entropy, so a fast hash is enough and keeps every request cheap).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/errors.hpp"

namespace jinfu::auth {

// argon2id with libsodium's "interactive" limits (2 passes, 64 MiB): about 0.1 s per log-in on
// the reference machine — slow for a guesser, tolerable for a person. See BENCHMARKS.md.
std::string hashPassword(std::string_view password);
bool verifyPassword(const std::string& hash, std::string_view password);
// True when `hash` was made with other parameters than the current ones (rehash on log-in).
bool needsRehash(const std::string& hash);

// A place for one argon2id computation. Each holds a core and 64 MiB for ~0.1 s, so a burst of
// log-ins would otherwise occupy every worker and starve everyone else; at most
// maxConcurrentPasswordWork() run at once; as many more may wait up to a second, and the rest are
// refused with 429 and Retry-After instead of holding a worker. Taken by the routes that hash a
// password, before anything else is counted (a refused log-in is not a failed one). The same
// routes are limited to that many requests in the worker pool (Route::maxInFlight), so that a
// crowd is turned away before it queues in front of other requests.
class PasswordSlot {
 public:
  PasswordSlot();  // throws ApiError 429 when every place is taken
  ~PasswordSlot();
  PasswordSlot(const PasswordSlot&) = delete;
  PasswordSlot& operator=(const PasswordSlot&) = delete;
};
void setMaxConcurrentPasswordWork(int n);  // at least 1; default: the number of cores, at least 2
int maxConcurrentPasswordWork();

// The first rule a new password breaks, or nullopt. Rules: 10–128 characters of valid UTF-8
// without control characters (NUL would be cut short by C libraries); three of lower case, upper
// case, digits, symbols; not a common password; not containing the username or the
// mobile number.
std::optional<LocalText> passwordProblem(std::string_view password, std::string_view username,
                                         std::string_view mobile);

// 32 random bytes, URL-safe base64 without padding, with an optional prefix ("jf_" for tokens).
std::string randomToken(std::string_view prefix = "");
std::string sha256Hex(std::string_view data);
// Of a file's bytes, read in chunks, each also shown to `alsoRead` (so that one pass over a large
// upload can do more than hash it). Throws std::runtime_error when it cannot be read.
std::string sha256HexOfFile(const std::string& path, const std::function<void(std::string_view)>& alsoRead = {});

// 13812345678 → 138****5678; anything else keeps its first 3 and last 4 characters.
std::string maskMobile(std::string_view mobile);
// 张三 → 张*, 欧阳娜娜 → 欧**娜: a person's name shown to someone who does not manage it.
std::string maskPersonName(std::string_view name);

}  // namespace jinfu::auth
