#pragma once
// Reading a provider's file as a table: one header row, then data rows of UTF-8 cells. Streamed:
// memory stays flat whatever the file's size (an XLSX keeps only its shared-string table).
//
//   CSV         RFC 4180, `,` (or TAB when the header line has tabs and no commas); UTF-8 with or
//               without BOM, or GB18030 (declared, or detected from the first 64 KiB).
//   XLSX        the first sheet; its first non-blank row is the header. Date-formatted numbers
//               become YYYY-MM-DD, other numbers stay as written.
//   JSON Lines  one object per line; the header is the keys of the first valid object.
//
// A problem with the file as a whole throws SourceError (nothing of it can be used); a problem
// with one row is reported on that row (SourceRow::problem) and reading goes on.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/text.hpp"
#include "platform/errors.hpp"  // jinfu::LocalText {zh, en}

namespace jinfu::collect {

enum class Format { Csv, Xlsx, JsonLines };
enum class Encoding { Auto, Utf8, Gb18030 };

// .csv .txt → Csv, .xlsx → Xlsx, .jsonl .ndjson → JsonLines (case-insensitive; a path is fine).
std::optional<Format> formatFromName(std::string_view fileName);
std::optional<Format> parseFormat(std::string_view name);      // "csv" "xlsx" "jsonl" (any case)
std::optional<Encoding> parseEncoding(std::string_view name);  // "auto" "utf-8"/"utf8" "gb18030"/"gbk"/"gb2312"
std::string_view formatName(Format format);                    // "csv" "xlsx" "jsonl"

struct SourceLimits {
  std::size_t maxFieldBytes = 64 * 1024;   // a bigger cell makes its row a row problem (it is skipped without being buffered whole)
  std::size_t maxColumns = 512;            // a header wider than this refuses the file
  std::size_t maxRowBytes = 1024 * 1024;   // a longer row (JSON Lines: line) is a row problem, skipped without being buffered whole
};

// Fixed limits of the XLSX reader (zip bombs): no part may inflate beyond this, and the
// shared-string table (the one thing held in memory) may not outgrow its budget.
inline constexpr std::uint64_t kMaxXlsxPartBytes = std::uint64_t{2} << 30;        // 2 GiB
inline constexpr std::uint64_t kMaxSharedStringBytes = std::uint64_t{256} << 20;  // 256 MiB
// An oversized cell is kept truncated to this many bytes (at a character boundary) plus "…".
inline constexpr std::size_t kTruncatedCellBytes = 200;

// A problem with the file as a whole: nothing of it can be used. Message precise, Chinese first.
class SourceError : public std::runtime_error {
 public:
  explicit SourceError(LocalText text);
  const LocalText& text() const { return text_; }

 private:
  LocalText text_;
};

struct SourceRow {
  // As the user sees it: CSV/XLSX spreadsheet row number (header = 1, first data row = 2 unless
  // blank rows precede; a CSV record with line breaks inside quotes is one row), JSON Lines: line.
  std::int64_t number = 0;
  // UTF-8, exactly header().size() cells, aligned to header(); missing trailing cells are "".
  std::vector<std::string> cells;
  // Set for a row that cannot be read (invalid encoding in this row, oversized cell, malformed
  // JSON line, more non-empty cells than the header has columns, unterminated quote). The
  // importer quarantines the row with this reason; cells hold what could be read (an oversized
  // cell truncated to 200 bytes + "…", invalid bytes as U+FFFD).
  std::optional<LocalText> problem;
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const std::vector<std::string>& header() const = 0;  // trimmed, BOM removed
  // The next non-blank data row; false at the end. Throws SourceError on a file-level problem
  // found mid-way (e.g. a truncated or corrupt XLSX part).
  virtual bool next(SourceRow& row) = 0;
  virtual std::string encodingName() const = 0;  // "UTF-8", "UTF-8 BOM", "GB18030" (XLSX/JSONL: "UTF-8")
};

struct SourceOptions {
  Format format = Format::Csv;
  Encoding encoding = Encoding::Auto;  // CSV only
  SourceLimits limits;
};

// Opens a file on disk, or bytes already in memory (an HTTP upload body; the caller keeps `bytes`
// alive while reading). Both read the header before returning; both throw SourceError.
std::unique_ptr<TableSource> openFile(const std::filesystem::path& path, const SourceOptions& options);
std::unique_ptr<TableSource> openBuffer(std::string_view bytes, const SourceOptions& options);

// ---- Shared by the readers (source*.cpp); not part of the interface. ----
namespace detail {

// Bytes from memory or from a file, read forward through a window.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes);
  explicit ByteReader(const std::filesystem::path& path);  // throws SourceError
  ~ByteReader();
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  // The next byte (0–255) or -1 at the end.
  int get() { return pos_ < end_ || refill() ? static_cast<unsigned char>(*pos_++) : -1; }
  int peekByte() { return pos_ < end_ || refill() ? static_cast<unsigned char>(*pos_) : -1; }
  // Up to n bytes from the current position without consuming them (fewer only at the end).
  std::string_view peek(std::size_t n);
  void skip(std::size_t n);
  bool atEnd() { return peekByte() < 0; }

 private:
  bool refill();  // false at the end of input
  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  std::vector<char> buffer_;
  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  bool eof_ = false;
};

bool isBlank(std::string_view utf8);                  // empty, or nothing but (Unicode) white space
using text::trim;  // the platform's one trim (platform/text.hpp): also NBSP, U+3000, zero-width spaces, BOM
// To kTruncatedCellBytes at a character boundary, then "…" if anything was cut (or `lost`: the
// caller already dropped the rest).
void truncateCell(std::string& utf8, bool lost = false);
std::string lossyUtf8(std::string_view bytes);        // invalid bytes → U+FFFD
// Valid UTF-8; when `mayBeCut` a sequence that is merely incomplete at the very end is accepted.
bool validUtf8(std::string_view bytes, bool mayBeCut = false);
// Trims the names, drops trailing empty ones and refuses duplicates or too many columns.
// `width` is the number of columns the header row really had (may exceed names.size()).
std::vector<std::string> checkHeader(std::vector<std::string> names, std::size_t width,
                                     const SourceLimits& limits);
bool rowIsBlank(const std::vector<std::string>& cells);
// Adds a reason to a row's problem (several are joined with "；").
void addProblem(std::optional<LocalText>& problem, LocalText reason);
std::string columnLabel(const std::vector<std::string>& header, std::size_t index);  // 第 3 列（名称）
LocalText oversizedCell(std::int64_t row, const std::vector<std::string>& header, std::size_t index,
                        const SourceLimits& limits);
LocalText tooManyCells(std::int64_t row, std::size_t cells, std::size_t columns);
LocalText rowTooLong(std::int64_t row, const SourceLimits& limits);
// A known other format sniffed from the first bytes ("PK\3\4" zip, OLE .xls), or nothing.
std::optional<LocalText> wrongFormat(std::string_view firstBytes, Format declared);

std::unique_ptr<TableSource> openCsv(std::unique_ptr<ByteReader> in, const SourceOptions& options);
std::unique_ptr<TableSource> openJsonLines(std::unique_ptr<ByteReader> in, const SourceOptions& options);
std::unique_ptr<TableSource> openXlsxFile(const std::filesystem::path& path, const SourceOptions& options);
std::unique_ptr<TableSource> openXlsxBuffer(std::string_view bytes, const SourceOptions& options);

}  // namespace detail
}  // namespace jinfu::collect
