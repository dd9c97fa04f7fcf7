// What the three readers share: names of formats and encodings, the byte window over a file or a
// buffer, header checks, and the wording of row problems.
#include "collect/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "platform/text.hpp"

namespace jinfu::collect {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string asciiTrimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return lower(s);
}

constexpr std::size_t kChunk = 64 * 1024;

}  // namespace

SourceError::SourceError(LocalText text) : std::runtime_error(text.zh), text_(std::move(text)) {}

std::optional<Format> formatFromName(std::string_view fileName) {
  auto slash = fileName.find_last_of("/\\");
  if (slash != std::string_view::npos) fileName.remove_prefix(slash + 1);
  auto dot = fileName.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext = lower(fileName.substr(dot + 1));
  if (ext == "csv" || ext == "txt") return Format::Csv;
  if (ext == "xlsx") return Format::Xlsx;
  if (ext == "jsonl" || ext == "ndjson") return Format::JsonLines;
  return std::nullopt;
}

std::optional<Format> parseFormat(std::string_view name) {
  std::string n = asciiTrimmed(name);
  if (n == "csv") return Format::Csv;
  if (n == "xlsx") return Format::Xlsx;
  if (n == "jsonl") return Format::JsonLines;
  return std::nullopt;
}

std::optional<Encoding> parseEncoding(std::string_view name) {
  std::string n = asciiTrimmed(name);
  if (n == "auto") return Encoding::Auto;
  if (n == "utf-8" || n == "utf8") return Encoding::Utf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312") return Encoding::Gb18030;
  return std::nullopt;
}

std::string_view formatName(Format format) {
  switch (format) {
    case Format::Csv: return "csv";
    case Format::Xlsx: return "xlsx";
    case Format::JsonLines: return "jsonl";
  }
  return "csv";
}

std::unique_ptr<TableSource> openFile(const std::filesystem::path& path, const SourceOptions& options) {
  auto in = std::make_unique<detail::ByteReader>(path);
  if (options.format == Format::Xlsx && in->peek(1).empty()) throw SourceError({"文件为空", "The file is empty"});
  if (auto wrong = detail::wrongFormat(in->peek(8), options.format)) throw SourceError(*wrong);
  switch (options.format) {
    case Format::Csv: return detail::openCsv(std::move(in), options);
    case Format::JsonLines: return detail::openJsonLines(std::move(in), options);
    case Format::Xlsx: in.reset(); return detail::openXlsxFile(path, options);
  }
  throw SourceError({"未知的文件格式", "Unknown file format"});
}

std::unique_ptr<TableSource> openBuffer(std::string_view bytes, const SourceOptions& options) {
  if (auto wrong = detail::wrongFormat(bytes.substr(0, 8), options.format)) throw SourceError(*wrong);
  switch (options.format) {
    case Format::Csv: return detail::openCsv(std::make_unique<detail::ByteReader>(bytes), options);
    case Format::JsonLines:
      return detail::openJsonLines(std::make_unique<detail::ByteReader>(bytes), options);
    case Format::Xlsx: return detail::openXlsxBuffer(bytes, options);
  }
  throw SourceError({"未知的文件格式", "Unknown file format"});
}

namespace detail {

// ---- ByteReader ----

ByteReader::ByteReader(std::string_view bytes)
    : pos_(bytes.data()), end_(bytes.data() + bytes.size()), eof_(true) {}

ByteReader::ByteReader(const std::filesystem::path& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) {
    std::string why = std::strerror(errno);
    throw SourceError({"无法打开文件 " + path.string() + "：" + why,
                       "Cannot open the file " + path.string() + ": " + why});
  }
  buffer_.resize(kChunk);
  pos_ = end_ = buffer_.data();
}

ByteReader::~ByteReader() {
  if (file_) std::fclose(file_);
}

bool ByteReader::refill() {
  if (eof_ || !file_) return false;
  std::size_t have = static_cast<std::size_t>(end_ - pos_);
  if (have == buffer_.size()) {
    std::size_t at = static_cast<std::size_t>(pos_ - buffer_.data());
    buffer_.resize(buffer_.size() * 2);
    pos_ = buffer_.data() + at;
    end_ = pos_ + have;
  }
  if (pos_ != buffer_.data()) {
    std::memmove(buffer_.data(), pos_, have);
    pos_ = buffer_.data();
    end_ = pos_ + have;
  }
  std::size_t room = buffer_.size() - have;
  std::size_t n = std::fread(buffer_.data() + have, 1, room, file_);
  end_ += n;
  if (n < room) {
    if (std::ferror(file_)) {
      std::string why = std::strerror(errno);
      throw SourceError({"读取文件 " + path_.string() + " 失败：" + why,
                         "Reading the file " + path_.string() + " failed: " + why});
    }
    eof_ = true;
  }
  return n > 0;
}

std::string_view ByteReader::peek(std::size_t n) {
  while (static_cast<std::size_t>(end_ - pos_) < n && refill()) {
  }
  return {pos_, std::min(n, static_cast<std::size_t>(end_ - pos_))};
}

void ByteReader::skip(std::size_t n) {
  while (n > 0) {
    if (pos_ == end_ && !refill()) return;
    std::size_t step = std::min(n, static_cast<std::size_t>(end_ - pos_));
    pos_ += step;
    n -= step;
  }
}

// ---- text ----

bool isBlank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // fast path
      if (!(c == ' ' || (c >= 0x09 && c <= 0x0D))) return false;
      ++i;
      continue;
    }
    if (!text::isUnicodeSpace(text::decodeUtf8(s, i))) return false;
  }
  return true;
}

void truncateCell(std::string& s, bool lost) {
  if (s.size() > kTruncatedCellBytes) {
    std::size_t cut = kTruncatedCellBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
    lost = true;
  }
  if (lost) s += "…";
}

std::string lossyUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t at = i;
    char32_t cp = text::decodeUtf8(bytes, i);
    if (cp == text::kReplacement && i != at + 1) out.append(bytes.substr(at, i - at));
    else if (cp < 0x80) out += static_cast<char>(cp);
    else text::appendUtf8(cp, out);
  }
  return out;
}

bool validUtf8(std::string_view s, bool mayBeCut) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    unsigned char c = b[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    std::size_t present = std::min(len, n - i);
    if (present >= 2 && (b[i + 1] < lo || b[i + 1] > hi)) return false;
    for (std::size_t k = 2; k < present; ++k)
      if ((b[i + k] & 0xC0) != 0x80) return false;
    if (present < len) return mayBeCut;
    i += len;
  }
  return true;
}

// ---- header and rows ----

std::vector<std::string> checkHeader(std::vector<std::string> names, std::size_t width,
                                     const SourceLimits& limits) {
  if (width > limits.maxColumns || names.size() > limits.maxColumns) {
    std::size_t w = std::max(width, names.size());
    throw SourceError({"表头有 " + std::to_string(w) + " 列，超过上限 " +
                           std::to_string(limits.maxColumns) + " 列",
                       "The header has " + std::to_string(w) + " columns, more than the limit of " +
                           std::to_string(limits.maxColumns)});
  }
  for (auto& name : names) name = trim(name);
  while (!names.empty() && names.back().empty()) names.pop_back();
  std::unordered_set<std::string_view> seen;
  std::vector<std::string_view> duplicates;
  for (const auto& name : names) {
    if (name.empty()) continue;
    if (!seen.insert(name).second &&
        std::find(duplicates.begin(), duplicates.end(), name) == duplicates.end())
      duplicates.push_back(name);
  }
  if (!duplicates.empty()) {
    std::string zh, en;
    for (auto d : duplicates) {
      zh += (zh.empty() ? "" : "、") + std::string(d);
      en += (en.empty() ? "" : ", ") + std::string(d);
    }
    throw SourceError({"表头列名重复：" + zh, "Duplicate column names in the header: " + en});
  }
  if (names.empty()) throw SourceError({"文件没有表头行", "The file has no header row"});
  return names;
}

bool rowIsBlank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return isBlank(c); });
}

void addProblem(std::optional<LocalText>& problem, LocalText reason) {
  if (!problem) {
    problem = std::move(reason);
    return;
  }
  if (problem->zh.size() > 4096) return;  // enough said
  problem->zh += "；" + reason.zh;
  problem->en += "; " + reason.en;
}

std::string columnLabel(const std::vector<std::string>& header, std::size_t index) {
  std::string label = "第 " + std::to_string(index + 1) + " 列";
  if (index < header.size() && !header[index].empty()) label += "（" + header[index] + "）";
  return label;
}

namespace {
std::string columnLabelEn(const std::vector<std::string>& header, std::size_t index) {
  std::string label = "column " + std::to_string(index + 1);
  if (index < header.size() && !header[index].empty()) label += " (" + header[index] + ")";
  return label;
}
}  // namespace

LocalText oversizedCell(std::int64_t row, const std::vector<std::string>& header, std::size_t index,
                        const SourceLimits& limits) {
  std::string n = std::to_string(row), max = std::to_string(limits.maxFieldBytes);
  return {"第 " + n + " 行" + columnLabel(header, index) + "的内容超过 " + max + " 字节的上限",
          "Row " + n + ", " + columnLabelEn(header, index) + ": the cell exceeds the limit of " +
              max + " bytes"};
}

LocalText tooManyCells(std::int64_t row, std::size_t cells, std::size_t columns) {
  std::string n = std::to_string(row), k = std::to_string(cells), h = std::to_string(columns);
  return {"第 " + n + " 行有 " + k + " 个单元格，多于表头的 " + h + " 列",
          "Row " + n + " has " + k + " cells, more than the " + h + " columns of the header"};
}

LocalText rowTooLong(std::int64_t row, const SourceLimits& limits) {
  std::string n = std::to_string(row), max = std::to_string(limits.maxRowBytes);
  return {"第 " + n + " 行超过 " + max + " 字节的上限",
          "Row " + n + " exceeds the limit of " + max + " bytes"};
}

std::optional<LocalText> wrongFormat(std::string_view first, Format declared) {
  if (first.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return LocalText{"文件是旧版 Excel（.xls）或设置了打开密码的 Excel 文件，无法读取；请另存为不加密的 .xlsx 或 CSV 后上传",
                     "The file is a legacy Excel (.xls) or password-protected workbook, which cannot be "
                     "read; save it as an unencrypted .xlsx or CSV and upload that"};
  if (declared != Format::Xlsx && first.starts_with("PK\x03\x04")) {
    std::string name(formatName(declared));
    return LocalText{"文件是 XLSX（zip 压缩包），不是声明的 " + name + " 格式；请按 xlsx 格式上传",
                     "The file is an XLSX (zip archive), not the declared " + name +
                         " format; upload it as xlsx"};
  }
  return std::nullopt;
}

}  // namespace detail
}  // namespace jinfu::collect
