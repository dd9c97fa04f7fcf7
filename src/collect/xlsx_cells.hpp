#pragma once
// The pure rules of OOXML cell values, apart from the archive and the XML streaming of
// source_xlsx.cpp: integers in attributes, part paths, _xHHHH_ escapes, serial dates and the
// number formats that show a date, cell references.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jinfu::collect::detail {

// An integer with surrounding spaces; nothing for anything else.
std::optional<std::int64_t> parseInt(std::string_view s);
// "xl/" + "worksheets/sheet1.xml", "/xl/…" absolute, with "." and ".." resolved.
std::string resolvePart(std::string_view baseDir, std::string_view target);
// OOXML strings escape characters as _xHHHH_ (e.g. _x000D_ for CR, _x005F_ for "_").
std::string unescapeOoxml(std::string s);
// An Excel serial date as YYYY-MM-DD; nothing for what is not a date (time only, out of range).
std::optional<std::string> serialToDate(std::string_view value, bool date1904);
// Whether a built-in number format id, or a custom format code, shows a date.
bool builtinDateFormat(std::int64_t id);
bool customDateFormat(std::string_view code);
// Column index (0-based) from a cell reference such as "C5"; nothing when it has no letters.
std::optional<std::size_t> columnOf(std::string_view ref);

}  // namespace jinfu::collect::detail
