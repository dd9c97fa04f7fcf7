#pragma once
// UTF-8 and the character folding that text from people and files needs: one decoder for the
// whole platform, so that every parser agrees on what malformed input is.
#include <cstddef>
#include <string>
#include <string_view>

namespace jinfu::text {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i] and advances i. Malformed input (bad lead or continuation byte,
// truncation, overlong form, surrogate, past U+10FFFF) yields U+FFFD for one byte, so every byte
// is accounted for and nothing malformed ever decodes to an accepted character.
char32_t decodeUtf8(std::string_view s, std::size_t& i);
void appendUtf8(char32_t cp, std::string& out);
std::string toUtf8(char32_t cp);
bool isValidUtf8(std::string_view s);

// White space, including what rides along when text is copied out of Word, web pages and
// spreadsheets: NBSP, the ideographic space U+3000, zero-width spaces and the BOM.
bool isUnicodeSpace(char32_t c);

// Full-width ASCII (U+FF01–U+FF5E: ９１４４, ＡＢ, ，) as typed with Chinese input methods → ASCII.
constexpr char32_t foldFullWidth(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c; }

// Text as people type it and files carry it — the one trim, blank and length of the platform.
// Surrounding white space (isUnicodeSpace: also NBSP, U+3000, zero-width spaces, BOM) dropped.
std::string trim(std::string_view utf8);
// ASCII blanks and tabs and CR only, for machine formats (CSV reference tables, header values)
// where a full-width space is data, not padding.
std::string_view trimAscii(std::string_view s);
// Empty or only white space.
bool isBlank(std::string_view utf8);
// Length in characters (code points), as a form's limit is stated to people, not in bytes.
std::size_t lengthInChars(std::string_view utf8);
// The first `n` characters (whole code points), for a search box that reads only so much.
std::string leftChars(std::string_view utf8, std::size_t n);
// C0 controls and DEL: they break lists, exports and terminals, so no stored text holds them —
// except line breaks in text written as paragraphs (a note), when `lines` allows them.
bool hasControl(std::string_view s, bool lines = false);

}  // namespace jinfu::text
