#include "platform/auth/secrets.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <vector>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <sodium.h>

#include "platform/text.hpp"

namespace jinfu::auth {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void initSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return true;
  }();
  (void)ready;
}

// Passwords people choose first, including the ones popular in China. Lower-cased; a password
// is refused when its lower-case form is in the list.
constexpr std::array<std::string_view, 64> kCommon = {
    "1234567890", "12345678910", "123456789a", "a123456789", "1qaz2wsx3edc", "qwertyuiop", "qwerty123456",
    "password123", "password1234", "password@123", "p@ssw0rd123", "passw0rd123", "admin12345", "admin@123456",
    "administrator", "abc1234567", "abcd123456", "abc123456789", "aa123456789", "aa12345678", "woaini1314",
    "woaini520", "woaini1314520", "5201314520", "iloveyou123", "zxcvbnm123", "1q2w3e4r5t", "q1w2e3r4t5",
    "asdfghjkl123", "1234qwer!@#$", "qwer1234!@#$", "welcome123", "welcome@123", "changeme123", "letmein123",
    "dragon12345", "football123", "superman123", "trustno1234", "sunshine123", "princess123", "baseball123",
    "jinfu123456", "jinfu@123456", "jinfu2026!!", "jiaozuo123456", "zhongguo123", "china123456", "huawei123456",
    "test123456", "test@123456", "root123456", "root@123456", "88888888888", "66666666666", "11111111111",
    "00000000000", "147258369a", "147258369", "1234554321", "a1b2c3d4e5", "qazwsxedc123", "Aa123456789",
    "Abc@1234567"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string hashPassword(std::string_view password) {
  initSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out.data();
}

bool verifyPassword(const std::string& hash, std::string_view password) {
  initSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needsRehash(const std::string& hash) {
  initSodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

namespace {
struct PasswordWork {
  std::mutex mutex;
  std::condition_variable freed;
  int limit = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  int running = 0, waiting = 0;
};
PasswordWork& passwordWork() {
  static PasswordWork w;
  return w;
}
}  // namespace

void setMaxConcurrentPasswordWork(int n) {
  std::lock_guard lock(passwordWork().mutex);
  passwordWork().limit = std::max(1, n);
}

int maxConcurrentPasswordWork() {
  std::lock_guard lock(passwordWork().mutex);
  return passwordWork().limit;
}

PasswordSlot::PasswordSlot() {
  auto& w = passwordWork();
  std::unique_lock lock(w.mutex);
  // As many again as may run can wait a moment (a burst at nine o'clock); the rest, and anyone
  // who waited a whole second, are told to come back rather than hold a worker.
  bool admitted = w.running < w.limit;
  if (!admitted && w.waiting < w.limit) {
    ++w.waiting;
    admitted = w.freed.wait_for(lock, std::chrono::seconds(1), [&] { return w.running < w.limit; });
    --w.waiting;
  }
  if (!admitted) {
    ApiError e(429, "busy", statusTitle(429),
               {"正在处理的登录与密码操作过多，请 1 秒后重试。", "Too many log-ins and password changes at once; retry in a second."});
    e.withHeader("Retry-After", "1");
    throw e;
  }
  ++w.running;
}

PasswordSlot::~PasswordSlot() {
  auto& w = passwordWork();
  {
    std::lock_guard lock(w.mutex);
    --w.running;
  }
  w.freed.notify_one();
}

std::optional<LocalText> passwordProblem(std::string_view password, std::string_view username,
                                         std::string_view mobile) {
  if (!text::isValidUtf8(password))
    return LocalText{"密码不是合法的 UTF-8 文本。", "The password is not valid UTF-8."};
  size_t chars = 0;
  bool lowerCase = false, upperCase = false, digit = false, symbol = false;
  for (size_t i = 0; i < password.size();) {
    char32_t c = text::decodeUtf8(password, i);
    ++chars;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
      return LocalText{"密码不能包含控制字符（如换行、制表符或空字符）。",
                       "The password must not contain control characters (line breaks, tabs, NUL)."};
    if (c >= 'a' && c <= 'z') lowerCase = true;
    else if (c >= 'A' && c <= 'Z') upperCase = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  if (chars < 10) return LocalText{"密码至少 10 位。", "The password must have at least 10 characters."};
  if (chars > 128) return LocalText{"密码最多 128 位。", "The password must have at most 128 characters."};
  if (lowerCase + upperCase + digit + symbol < 3)
    return LocalText{"密码须至少包含大写字母、小写字母、数字、符号中的三类。",
                     "The password needs three of: lower case, upper case, digits, symbols."};
  std::string low = lower(password);
  if (std::any_of(kCommon.begin(), kCommon.end(), [&](std::string_view c) { return lower(c) == low; }))
    return LocalText{"该密码过于常见，请换一个。", "This password is too common; choose another."};
  if (!username.empty() && username.size() >= 3 && low.find(lower(username)) != std::string::npos)
    return LocalText{"密码不能包含用户名。", "The password must not contain the username."};
  if (mobile.size() >= 6 && password.find(mobile) != std::string_view::npos)
    return LocalText{"密码不能包含手机号。", "The password must not contain the mobile number."};
  return std::nullopt;
}

std::string randomToken(std::string_view prefix) {
  initSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(prefix) + out.data();
}

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

std::string sha256HexOfFile(const std::string& path, const std::function<void(std::string_view)>& alsoRead) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> chunk(1 << 20);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()),
                              static_cast<unsigned long long>(in.gcount()));
    if (alsoRead && in.gcount() > 0) alsoRead(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

std::string maskMobile(std::string_view mobile) {
  if (mobile.size() < 8) return std::string(mobile.size(), '*');
  return std::string(mobile.substr(0, 3)) + std::string(mobile.size() - 7, '*') + std::string(mobile.substr(mobile.size() - 4));
}

std::string maskPersonName(std::string_view name) {
  std::vector<std::string> chars;
  for (size_t i = 0; i < name.size();) chars.push_back(text::toUtf8(text::decodeUtf8(name, i)));
  if (chars.empty()) return "";
  std::string out = chars.front();
  if (chars.size() == 1) return out;
  size_t hidden = chars.size() == 2 ? 1 : chars.size() - 2;
  for (size_t i = 0; i < hidden; ++i) out += "*";
  if (chars.size() > 2) out += chars.back();
  return out;
}

}  // namespace jinfu::auth
