#pragma once
// Text folding that needs ICU: Unicode normalisation and Han → pinyin for name search. The
// header stays free of ICU so that callers do not inherit its include paths.
#include <string>
#include <string_view>

namespace jinfu::text {

// NFKC: full-width digits and letters → ASCII, compatibility ideographs → unified ones, ligatures
// split. Invalid UTF-8 becomes U+FFFD. ASCII input is returned unchanged without touching ICU.
std::string nfkc(std::string_view utf8);

// Lower-case ASCII pinyin without tones or separators: 焦作市天宝 → "jiaozuoshitianbao".
// ASCII letters and digits (also full-width ones) are kept, lower-cased; punctuation, spaces and
// characters without a Latin reading are dropped. Thread-safe.
std::string pinyin(std::string_view utf8);

// The first letter of each Han syllable, with ASCII letters and digits kept: 焦作市天宝 → "jzstb".
std::string pinyinInitials(std::string_view utf8);

}  // namespace jinfu::text
