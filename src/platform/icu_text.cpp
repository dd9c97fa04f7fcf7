#include "platform/icu_text.hpp"

#include "platform/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace jinfu::text {
namespace {

bool isAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool isAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lowerAscii(char32_t c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

// One prototype built once (rule compilation is slow); each thread works on its own clone
// because a Transliterator must not be used by two threads at once.
const icu::Transliterator& prototype() {
  static const std::unique_ptr<icu::Transliterator> proto = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t)
      throw std::runtime_error(std::string("ICU transliterator Han-Latin unavailable: ") +
                               u_errorName(status));
    return t;
  }();
  return *proto;
}

struct Romaniser {
  std::unique_ptr<icu::Transliterator> translit;
  std::unordered_map<char32_t, std::string> cache;  // code point → lower-case ASCII letters/digits

  Romaniser() {
    static std::mutex m;
    std::lock_guard lock(m);
    translit.reset(prototype().clone());
  }

  // The reading of one non-ASCII character as lower-case ASCII letters and digits ("" if none).
  const std::string& romanise(char32_t c) {
    auto it = cache.find(c);
    if (it != cache.end()) return it->second;
    icu::UnicodeString u(static_cast<UChar32>(c));
    translit->transliterate(u);
    std::string utf8;
    u.toUTF8String(utf8);
    std::string kept;
    for (char ch : utf8)
      if (isAsciiAlnum(static_cast<unsigned char>(ch))) kept += lowerAscii(static_cast<unsigned char>(ch));
    if (cache.size() > 50'000) cache.clear();  // bounded: a thread never holds more than this
    return cache.emplace(c, std::move(kept)).first->second;
  }
};

Romaniser& romaniser() {
  thread_local Romaniser r;
  return r;
}

bool isHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

std::string romanise(std::string_view utf8, bool initials) {
  const std::string folded = nfkc(utf8);
  std::string out;
  out.reserve(folded.size() * 2);
  Romaniser* r = nullptr;
  for (std::size_t i = 0; i < folded.size();) {
    char32_t c = decodeUtf8(folded, i);
    if (c < 0x80) {
      if (isAsciiAlnum(c)) out += lowerAscii(c);
      continue;
    }
    if (!r) r = &romaniser();
    const std::string& reading = r->romanise(c);
    if (reading.empty()) continue;
    if (initials && isHan(c))
      out += reading.front();
    else
      out += reading;
  }
  return out;
}

}  // namespace

std::string nfkc(std::string_view utf8) {
  if (isAscii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || !n)
    throw std::runtime_error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normalised = n->normalize(u, status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU NFKC failed: ") + u_errorName(status));
  std::string out;
  normalised.toUTF8String(out);
  return out;
}

std::string pinyin(std::string_view utf8) { return romanise(utf8, false); }

std::string pinyinInitials(std::string_view utf8) { return romanise(utf8, true); }

}  // namespace jinfu::text
