// CSV reader: RFC 4180 records parsed on the raw bytes (`,` `"` CR LF TAB never occur inside a
// UTF-8 or GB18030 multi-byte character), then each kept field converted to UTF-8. Nothing is
// buffered beyond one row, and within a row no field beyond maxFieldBytes.
#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>

#include "collect/source.hpp"
#include "platform/text.hpp"

namespace jinfu::collect::detail {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kKeptOfOversized = kTruncatedCellBytes + 56;  // raw bytes kept to show

// GB18030 → UTF-8 with ICU, stopping at every illegal sequence so that it can be reported.
class Gb18030 {
 public:
  Gb18030() {
    UErrorCode err = U_ZERO_ERROR;
    conv_ = ucnv_open("GB18030", &err);
    if (U_FAILURE(err) || !conv_)
      throw SourceError({"无法加载 GB18030 编码转换器", "The GB18030 converter is not available"});
    ucnv_setToUCallBack(conv_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  }
  ~Gb18030() { ucnv_close(conv_); }
  Gb18030(const Gb18030&) = delete;
  Gb18030& operator=(const Gb18030&) = delete;

  // Converts `in`; false when it is not valid GB18030 (`out` then has U+FFFD for what was bad).
  bool convert(std::string_view in, std::string& out) {
    out.clear();
    if (in.empty()) return true;
    units_.resize(2 * in.size() + 4);
    ucnv_resetToUnicode(conv_);
    const char* src = in.data();
    const char* srcEnd = src + in.size();
    bool ok = true;
    for (;;) {
      UChar* target = units_.data();
      const char* before = src;
      UErrorCode err = U_ZERO_ERROR;
      ucnv_toUnicode(conv_, &target, units_.data() + units_.size(), &src, srcEnd, nullptr, true, &err);
      append(static_cast<std::size_t>(target - units_.data()), out);
      if (err == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(err)) {
        ok = false;
        out += "\xEF\xBF\xBD";
        ucnv_resetToUnicode(conv_);
        if (src == before && target == units_.data() && src < srcEnd) ++src;  // never stall
        if (src < srcEnd) continue;
      }
      break;
    }
    return ok;
  }

 private:
  void append(std::size_t n, std::string& out) {
    for (std::size_t i = 0; i < n;) {
      UChar32 cp;
      U16_NEXT(units_.data(), i, n, cp);
      if (U_IS_SURROGATE(cp)) cp = 0xFFFD;
      text::appendUtf8(static_cast<char32_t>(cp), out);
    }
  }
  UConverter* conv_ = nullptr;
  std::vector<UChar> units_;
};

// UTF-8 containing at least one 3- or 4-byte sequence: Chinese written as UTF-8, which a row of
// GB18030 text practically never is by accident.
bool looksLikeUtf8(std::string_view bytes) {
  bool wide = std::any_of(bytes.begin(), bytes.end(),
                          [](char c) { return static_cast<unsigned char>(c) >= 0xE0; });
  return wide && validUtf8(bytes);
}

struct RawRecord {
  std::vector<std::string> fields;  // the kept fields' raw bytes (capacity reused between rows)
  std::vector<char> oversized;      // per kept field: longer than maxFieldBytes (rest discarded)
  std::vector<char> junk;           // per kept field: characters after the closing quote
  std::size_t kept = 0;             // kept fields in this record
  std::size_t lastNonEmpty = 0;     // 1 + index of the last field with content (0: none)
  std::size_t stored = 0;           // bytes stored for this record
  bool tooLong = false;
  bool unterminated = false;
};

class CsvSource final : public TableSource {
 public:
  CsvSource(std::unique_ptr<ByteReader> in, const SourceOptions& options)
      : in_(std::move(in)), limits_(options.limits) {
    if (limits_.maxColumns == 0) limits_.maxColumns = 1;
    detectEncoding(options.encoding);
    detectDelimiter();
    readHeader();
  }

  const std::vector<std::string>& header() const override { return header_; }
  std::string encodingName() const override {
    if (gb_) return "GB18030";
    return bom_ ? "UTF-8 BOM" : "UTF-8";
  }

  bool next(SourceRow& row) override {
    const std::size_t width = header_.size();
    while (readRecord(width)) {
      row.number = rowNumber_;
      row.problem.reset();
      row.cells.resize(width);
      bool badEncoding = false, foreign = gb_ != nullptr;
      bool anyWide = false;
      for (std::size_t i = 0; i < width; ++i) {
        std::string& cell = row.cells[i];
        if (i >= rec_.kept) {
          cell.clear();
          continue;
        }
        const std::string& raw = rec_.fields[i];
        if (rec_.oversized[i]) {
          convert(std::string_view(raw).substr(0, kKeptOfOversized), cell);  // lossy is fine here
          truncateCell(cell, true);
          addProblem(row.problem, oversizedCell(rowNumber_, header_, i, limits_));
          continue;
        }
        if (!convert(raw, cell)) badEncoding = true;
        if (foreign) {
          if (!validUtf8(raw)) foreign = false;
          else if (!anyWide) anyWide = looksLikeUtf8(raw);
        }
      }
      foreign = foreign && anyWide;
      if (foreign) addProblem(row.problem, foreignProblem(rowNumber_));
      else if (badEncoding) addProblem(row.problem, encodingProblem(rowNumber_));
      for (std::size_t i = 0; i < rec_.kept && i < width; ++i)
        if (rec_.junk[i])
          addProblem(row.problem,
                     {"第 " + std::to_string(rowNumber_) + " 行" + columnLabel(header_, i) +
                          "的右引号后还有字符（含引号的单元格须整体用引号括起，内部引号写作两个引号）",
                      "Row " + std::to_string(rowNumber_) + ", column " + std::to_string(i + 1) +
                          ": characters follow the closing quote (quote the whole cell and "
                          "double any quote inside it)"});
      if (rec_.unterminated)
        addProblem(row.problem, {"第 " + std::to_string(rowNumber_) + " 行的引号没有闭合，一直到文件末尾",
                                 "Row " + std::to_string(rowNumber_) +
                                     " opens a quote that is never closed before the end of the file"});
      if (rec_.lastNonEmpty > width)
        addProblem(row.problem, tooManyCells(rowNumber_, rec_.lastNonEmpty, width));
      if (rec_.tooLong) addProblem(row.problem, rowTooLong(rowNumber_, limits_));
      if (!row.problem && rowIsBlank(row.cells)) continue;
      return true;
    }
    return false;
  }

 private:
  void detectEncoding(Encoding declared) {
    std::string_view head = in_->peek(4);
    if (head.starts_with("\xEF\xBB\xBF")) {  // a BOM says UTF-8 whatever was declared
      in_->skip(3);
      bom_ = true;
      return;
    }
    if (declared == Encoding::Utf8) return;
    if (declared == Encoding::Gb18030) {
      if (head.starts_with("\x84\x31\x95\x33")) in_->skip(4);  // the GB18030 BOM
      gb_ = std::make_unique<Gb18030>();
      return;
    }
    if (head.empty()) return;
    std::string_view sniff = in_->peek(kSniffBytes);
    bool complete = sniff.size() < kSniffBytes;
    if (validUtf8(sniff, !complete)) return;
    // Not all UTF-8: the encoding of the majority of the lines with non-ASCII bytes wins, so that
    // in a mixed file the foreign rows are the ones quarantined.
    std::size_t utf8Lines = 0, otherLines = 0;
    while (!sniff.empty()) {
      auto nl = sniff.find('\n');
      if (nl == std::string_view::npos && !complete) break;  // cut at the boundary
      std::string_view line = sniff.substr(0, nl);
      sniff.remove_prefix(nl == std::string_view::npos ? sniff.size() : nl + 1);
      if (std::none_of(line.begin(), line.end(), [](char c) { return c & 0x80; })) continue;
      (validUtf8(line) ? utf8Lines : otherLines)++;
    }
    if (utf8Lines > otherLines) return;
    if (in_->peek(4).starts_with("\x84\x31\x95\x33")) in_->skip(4);
    gb_ = std::make_unique<Gb18030>();
  }

  // TAB-separated when the first line with content has tabs and no commas.
  void detectDelimiter() {
    std::string_view sniff = in_->peek(kSniffBytes);
    while (!sniff.empty()) {
      auto nl = sniff.find('\n');
      std::string_view line = sniff.substr(0, nl);
      sniff.remove_prefix(nl == std::string_view::npos ? sniff.size() : nl + 1);
      if (line.find_first_not_of(" \t\r,") == std::string_view::npos) continue;
      if (line.find('\t') != std::string_view::npos && line.find(',') == std::string_view::npos)
        delim_ = '\t';
      return;
    }
  }

  void readHeader() {
    if (in_->atEnd()) throw SourceError({"文件为空", "The file is empty"});
    while (readRecord(limits_.maxColumns)) {
      std::vector<std::string> names(rec_.kept);
      bool blank = rec_.lastNonEmpty <= rec_.kept && !rec_.unterminated;
      if (rec_.tooLong)
        throw SourceError({"表头行超过 " + std::to_string(limits_.maxRowBytes) + " 字节，不像是表头行",
                           "The header row exceeds " + std::to_string(limits_.maxRowBytes) +
                               " bytes; this is not a header row"});
      for (std::size_t i = 0; i < rec_.kept; ++i) {
        if (rec_.oversized[i])
          throw SourceError({"表头" + columnLabel({}, i) + "超过 " + std::to_string(limits_.maxFieldBytes) +
                                 " 字节，不像是表头行",
                             "Header column " + std::to_string(i + 1) + " exceeds " +
                                 std::to_string(limits_.maxFieldBytes) + " bytes; this is not a header row"});
        if (!convert(rec_.fields[i], names[i])) throw SourceError(headerEncodingProblem());
        if (gb_ && looksLikeUtf8(rec_.fields[i]))
          throw SourceError({"表头是 UTF-8 编码，而文件按 GB18030 读取；请在上传时声明 UTF-8 编码",
                             "The header is UTF-8 while the file is read as GB18030; declare UTF-8 "
                             "when uploading"});
        if (!isBlank(names[i]) || rec_.junk[i]) blank = false;
      }
      if (blank) continue;
      if (rec_.unterminated)
        throw SourceError({"表头行的引号没有闭合", "A quote in the header row is never closed"});
      header_ = checkHeader(std::move(names), rec_.lastNonEmpty, limits_);
      return;
    }
    throw SourceError({"文件没有表头行（只有空行）", "The file has no header row (only blank lines)"});
  }

  std::string* startField(std::size_t index, std::size_t keep) {
    if (index >= keep) return nullptr;
    if (rec_.fields.size() <= index) {
      rec_.fields.resize(index + 1);
      rec_.oversized.resize(index + 1);
      rec_.junk.resize(index + 1);
    }
    rec_.fields[index].clear();
    rec_.oversized[index] = 0;
    rec_.junk[index] = 0;
    rec_.kept = index + 1;
    return &rec_.fields[index];
  }

  // One record of raw fields, keeping the first `keep`; false at the end of the input.
  bool readRecord(std::size_t keep) {
    int c = in_->get();
    if (c < 0) return false;
    ++rowNumber_;
    rec_.kept = 0;
    rec_.lastNonEmpty = 0;
    rec_.stored = 0;
    rec_.tooLong = rec_.unterminated = false;
    std::size_t index = 0;
    std::string* field = startField(0, keep);
    bool quoted = false, afterQuote = false, begun = false;
    auto put = [&](char ch) {
      if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') rec_.lastNonEmpty = index + 1;
      if (!field) return;
      if (field->size() >= limits_.maxFieldBytes) {
        rec_.oversized[index] = 1;
      } else if (rec_.stored >= limits_.maxRowBytes) {
        rec_.tooLong = true;
      } else {
        field->push_back(ch);
        ++rec_.stored;
      }
    };
    for (;; c = in_->get()) {
      if (c < 0) {
        rec_.unterminated = quoted;
        break;
      }
      char ch = static_cast<char>(c);
      if (quoted) {
        if (ch != '"') {
          put(ch);
        } else if (in_->peekByte() == '"') {
          in_->get();
          put('"');
        } else {
          quoted = false;
          afterQuote = true;
        }
        continue;
      }
      if (ch == delim_) {
        field = startField(++index, keep);
        afterQuote = begun = false;
        continue;
      }
      if (ch == '\n') break;
      if (ch == '\r') {
        if (in_->peekByte() == '\n') in_->get();
        break;
      }
      if (afterQuote) {
        if (ch == ' ' || ch == '\t') continue;  // tolerated: `"a" ,`
        if (field) rec_.junk[index] = 1;
      } else if (ch == '"' && !begun) {
        quoted = begun = true;
        continue;
      }
      begun = true;
      put(ch);
    }
    return true;
  }

  bool convert(std::string_view raw, std::string& out) {
    if (gb_) return gb_->convert(raw, out);
    if (validUtf8(raw)) {
      out.assign(raw);
      return true;
    }
    out = lossyUtf8(raw);
    return false;
  }

  LocalText encodingProblem(std::int64_t row) const {
    std::string n = std::to_string(row);
    if (gb_)
      return {"第 " + n + " 行不是有效的 GB18030 编码（文件按 GB18030 读取；若为 UTF-8 请在上传时声明编码）",
              "Row " + n + " is not valid GB18030 (the file is read as GB18030; if it is UTF-8, "
                           "declare the encoding when uploading)"};
    return {"第 " + n + " 行不是有效的 UTF-8 编码（文件按 UTF-8 读取；若为 GB18030 请在上传时声明编码）",
            "Row " + n + " is not valid UTF-8 (the file is read as UTF-8; if it is GB18030, declare "
                         "the encoding when uploading)"};
  }
  static LocalText foreignProblem(std::int64_t row) {
    std::string n = std::to_string(row);
    return {"第 " + n + " 行是 UTF-8 编码，而文件按 GB18030 读取（同一文件混用了两种编码；请统一为一种编码后重新提交）",
            "Row " + n + " is UTF-8 while the file is read as GB18030 (the file mixes two "
                         "encodings; convert it to one and submit again)"};
  }
  LocalText headerEncodingProblem() const {
    if (gb_)
      return {"表头不是有效的 GB18030 编码（文件按 GB18030 读取；若为 UTF-8 请在上传时声明编码）",
              "The header is not valid GB18030 (the file is read as GB18030; if it is UTF-8, "
              "declare the encoding when uploading)"};
    return {"表头不是有效的 UTF-8 编码（文件按 UTF-8 读取；若为 GB18030 请在上传时声明编码）",
            "The header is not valid UTF-8 (the file is read as UTF-8; if it is GB18030, declare "
            "the encoding when uploading)"};
  }

  std::unique_ptr<ByteReader> in_;
  SourceLimits limits_;
  std::unique_ptr<Gb18030> gb_;  // null: UTF-8
  bool bom_ = false;
  char delim_ = ',';
  std::vector<std::string> header_;
  RawRecord rec_;
  std::int64_t rowNumber_ = 0;
};

}  // namespace

std::unique_ptr<TableSource> openCsv(std::unique_ptr<ByteReader> in, const SourceOptions& options) {
  return std::make_unique<CsvSource>(std::move(in), options);
}

}  // namespace jinfu::collect::detail
