#pragma once
// Unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identity every
// market entity on the platform is keyed by.
//
//   position  1     registration authority (登记管理部门码)
//   position  2     entity category (机构类别码)
//   positions 3–8   administrative division (行政区划码, GB/T 2260)
//   positions 9–17  organisation code (组织机构代码, GB 11714) with its own mod-11 check at 17
//   position  18    check character, mod 31 over positions 1–17
//
// Validation of an already-normalised code allocates nothing on the success path, so it can be
// run over whole import files; text is produced only when something is wrong.
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace jinfu {

// Which rule a code broke, for callers that react to the kind rather than show the text.
enum class UsccRule {
  kEmpty,
  kWhitespace,       // a space inside the code; trimming already removed the outer ones
  kLength,
  kCharacter,        // positions 1–17 outside the 31-symbol set (no I, O, S, V, Z, no lower case)
  kDepartment,       // position 1 is not a known registration authority
  kRegion,           // positions 3–8 must be digits (unless position 1 is A, N or Y)
  kOrgCodeCheck,     // position 17, GB 11714 mod-11 check over positions 9–16
  kCheckCharacter,   // position 18, GB 32100 mod-31 check over positions 1–17; also when
                     // position 18 is outside the alphabet, so the reason can say what it should be
};

struct UsccIssue {
  UsccRule rule;
  int position;          // 1-based character position; 0 = the code as a whole
  std::string reasonZh;  // shown to applicants and staff
  std::string reasonEn;  // logs, API clients
};

class UsccResult;

class Uscc {
 public:
  static constexpr int kLength = 18;

  // Trims ASCII and Unicode white space (incl. U+3000 and NBSP) at both ends, folds full-width
  // ASCII (U+FF01–U+FF5E) to ASCII and lower case to upper case. Internal spaces are kept so that
  // validation can name their position, and O is not turned into 0 because that would silently
  // accept a typo in another position. Invalid UTF-8 becomes U+FFFD.
  static std::string normalise(std::string_view raw);

  // First broken rule of an already-normalised code, checked in the order of the enum; nullopt
  // when valid. Positions count Unicode characters, not bytes.
  static std::optional<UsccIssue> validate(std::string_view normalised);
  // Same verdict as validate() without building the reason; the hot path for bulk checks.
  static bool isValid(std::string_view normalised) noexcept;

  // normalise() + validate(): what to call on text typed by a person or read from a file.
  static UsccResult parse(std::string_view raw);

  // Completes a code for generators and tests: a 16-character prefix gets both check characters,
  // a 17-character one only the 18th. Fails like validate() if the prefix breaks another rule.
  static UsccResult fromPrefix(std::string_view prefix);

  // The check characters for the given leading characters, or '\0' if the input has the wrong
  // length or a character outside the relevant alphabet.
  static char checkCharFor(std::string_view first17) noexcept;
  // GB 11714 values letters over the full alphabet (A=10 … Z=35), unlike GB 32100.
  static char orgCodeCheckFor(std::string_view first8) noexcept;

  // Chinese names of registration authorities and categories, empty when not in GB 32100's
  // tables (category lists are not exhaustive, so an unknown category is still a valid code).
  static std::string_view departmentNameZh(char department) noexcept;
  static std::string_view categoryNameZh(char department, char category) noexcept;

  std::string_view str() const { return {code_, kLength}; }
  char department() const { return code_[0]; }
  char category() const { return code_[1]; }
  std::string_view regionCode() const { return str().substr(2, 6); }
  std::string_view orgCode() const { return str().substr(8, 9); }
  char checkChar() const { return code_[17]; }
  // e.g. "工商·企业", or just the authority when the category is not in the table.
  std::string describeZh() const;

  friend bool operator==(const Uscc&, const Uscc&) = default;
  friend std::strong_ordering operator<=>(const Uscc& a, const Uscc& b) {
    return a.str().compare(b.str()) <=> 0;
  }

 private:
  explicit Uscc(std::string_view valid);  // caller guarantees validity
  // A fixed array rather than std::string: 18 characters overflow the small-string buffer, and
  // a Uscc is often built in bulk.
  char code_[kLength + 1];
};

// Either a valid code or the first rule it broke. C++20 has no std::expected.
class UsccResult {
 public:
  UsccResult(Uscc code) : v_(code) {}                  // NOLINT: implicit by design
  UsccResult(UsccIssue issue) : v_(std::move(issue)) {} // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const Uscc& value() const { return std::get<0>(v_); }      // throws if !ok()
  const UsccIssue& issue() const { return std::get<1>(v_); } // throws if ok()

 private:
  std::variant<Uscc, UsccIssue> v_;
};

}  // namespace jinfu
