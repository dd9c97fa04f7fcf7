// XLSX reader: libzip for the archive, expat for the XML parts. The workbook, its relationships
// and the styles are small and read whole; the shared-string table is loaded into memory (with a
// budget); the first sheet is streamed in 64 KiB chunks, the parser suspended after every row.
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>

#include "collect/source.hpp"
#include "collect/xlsx_cells.hpp"

namespace jinfu::collect::detail {
namespace {

constexpr std::size_t kXmlChunk = 64 * 1024;
// Bytes fed to expat without a single event (one gigantic tag, comment or attribute): expat
// buffers such a token whole and rescans it from its start at every chunk, so the cost grows with
// the square of its size (a 64 MiB attribute took 29 s of CPU). No legitimate token comes near
// this: cell text arrives as character data, which expat reports as it goes.
constexpr std::uint64_t kMaxTokenBytes = 1u << 20;
constexpr std::size_t kMaxStyles = 1 << 20;         // cell formats (Excel allows ~64 000)
constexpr std::size_t kMaxNumberFormats = 1 << 16;
constexpr std::size_t kMaxRelationships = 1 << 16;

LocalText damaged(const std::string& zh, const std::string& en) {
  return {"XLSX 文件不完整或已损坏：" + zh, "The XLSX file is incomplete or damaged: " + en};
}

SourceError zipError(zip_error_t* error, const std::string& what) {
  int code = zip_error_code_zip(error);
  std::string lib = zip_error_strerror(error);
  switch (code) {
    case ZIP_ER_NOZIP:
      return SourceError(damaged("不是 zip 压缩包（文件被截断，或根本不是 XLSX）",
                                 "not a zip archive (truncated, or not an XLSX at all)"));
    case ZIP_ER_INCONS:
      return SourceError(damaged("zip 目录结构不一致（" + lib + "）", "inconsistent zip archive (" + lib + ")"));
    case ZIP_ER_CRC:
      return SourceError(damaged(what + " 的 CRC 校验失败", "CRC error in " + what));
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
      return SourceError({"XLSX 文件中的 " + what + " 已加密，无法读取；请取消密码后再上传",
                          what + " in the XLSX file is encrypted; remove the password and upload again"});
    case ZIP_ER_MEMORY:
      return SourceError(damaged("内存不足", "out of memory"));
    default:
      return SourceError(damaged("读取 " + what + " 失败（" + lib + "）", "reading " + what + " failed (" + lib + ")"));
  }
}

std::string_view localName(const XML_Char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const XML_Char** atts, std::string_view local) {
  for (int i = 0; atts[i]; i += 2)
    if (localName(atts[i]) == local) return atts[i + 1];
  return nullptr;
}

// ---- the archive ----

class Archive {
 public:
  explicit Archive(const std::filesystem::path& path) {
    int code = 0;
    za_ = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!za_) {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      SourceError e = zipError(&error, path.filename().string());
      zip_error_fini(&error);
      throw e;
    }
  }
  explicit Archive(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src) za_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!za_) {
      if (src) zip_source_free(src);
      SourceError e = zipError(&error, "zip");
      zip_error_fini(&error);
      throw e;
    }
    zip_error_fini(&error);
  }
  ~Archive() { zip_discard(za_); }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  std::optional<zip_uint64_t> locate(const std::string& name) const {
    zip_int64_t i = zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE);
    if (i < 0) return std::nullopt;
    return static_cast<zip_uint64_t>(i);
  }
  zip_t* get() const { return za_; }

 private:
  zip_t* za_ = nullptr;
};

// One part of the archive, read in chunks; never inflates beyond kMaxXlsxPartBytes.
class PartReader {
 public:
  PartReader(const Archive& archive, zip_uint64_t index, std::string name) : name_(std::move(name)) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > kMaxXlsxPartBytes)
      throw tooBig();
    file_ = zip_fopen_index(archive.get(), index, 0);
    if (!file_) throw zipError(zip_get_error(archive.get()), name_);
  }
  ~PartReader() { zip_fclose(file_); }
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;

  std::size_t read(char* buffer, std::size_t n) {
    zip_int64_t got = zip_fread(file_, buffer, n);
    if (got < 0) throw zipError(zip_file_get_error(file_), name_);
    total_ += static_cast<std::uint64_t>(got);
    if (total_ > kMaxXlsxPartBytes) throw tooBig();
    return static_cast<std::size_t>(got);
  }
  const std::string& name() const { return name_; }

 private:
  SourceError tooBig() const {
    return SourceError({"XLSX 文件中的 " + name_ + " 解压后超过 2 GiB，拒绝读取（可能是压缩炸弹）",
                        name_ + " in the XLSX file inflates to more than 2 GiB; refused (possibly a zip bomb)"});
  }
  zip_file_t* file_ = nullptr;
  std::string name_;
  std::uint64_t total_ = 0;
};

// ---- XML ----

// An expat parser over one part. Handlers must not let exceptions cross expat's C frames: they
// are caught, stored, the parser aborted, and rethrown from step().
class XmlPart {
 public:
  explicit XmlPart(PartReader& in) : in_(in) {
    parser_ = XML_ParserCreate(nullptr);
    if (!parser_) throw SourceError(damaged("内存不足", "out of memory"));
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlPart::onStart, &XmlPart::onEnd);
    XML_SetCharacterDataHandler(parser_, &XmlPart::onText);
    XML_SetStartDoctypeDeclHandler(parser_, &XmlPart::onDoctype);
    // No external entity handler: expat never fetches anything. Billion-laughs protection is on
    // by default (expat ≥ 2.4), and a DOCTYPE is refused outright anyway.
  }
  virtual ~XmlPart() { XML_ParserFree(parser_); }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  // Feeds the next chunk (or resumes a suspended parse); false once the document is complete.
  bool step() {
    XML_ParsingStatus status;
    XML_GetParsingStatus(parser_, &status);
    if (status.parsing == XML_FINISHED) return false;
    XML_Status result;
    if (status.parsing == XML_SUSPENDED) {
      result = XML_ResumeParser(parser_);
    } else {
      void* buffer = XML_GetBuffer(parser_, static_cast<int>(kXmlChunk));
      if (!buffer) fail();
      std::size_t n = in_.read(static_cast<char*>(buffer), kXmlChunk);
      sinceEvent_ += n;
      if (sinceEvent_ > kMaxTokenBytes)
        throw SourceError(damaged(in_.name() + " 中有超过 1 MiB 的单个 XML 标记",
                                  in_.name() + " has a single XML token larger than 1 MiB"));
      result = XML_ParseBuffer(parser_, static_cast<int>(n), n == 0);
    }
    if (result == XML_STATUS_ERROR) fail();
    XML_GetParsingStatus(parser_, &status);
    return status.parsing != XML_FINISHED;
  }
  void parseAll() {
    while (step()) {
    }
  }

 protected:
  virtual void start(std::string_view name, const XML_Char** atts) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  void suspend() { XML_StopParser(parser_, XML_TRUE); }
  const std::string& partName() const { return in_.name(); }

 private:
  [[noreturn]] void fail() {
    if (error_) std::rethrow_exception(error_);
    std::string why = XML_ErrorString(XML_GetErrorCode(parser_));
    std::string line = std::to_string(XML_GetCurrentLineNumber(parser_));
    std::string column = std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
    throw SourceError(damaged(in_.name() + " 第 " + line + " 行第 " + column + " 列不是有效的 XML（" + why + "）",
                              in_.name() + " line " + line + ", column " + column +
                                  " is not well-formed XML (" + why + ")"));
  }
  template <typename F>
  static void guarded(void* self, F&& f) {
    auto* part = static_cast<XmlPart*>(self);
    if (part->error_) return;
    part->sinceEvent_ = 0;
    try {
      f(*part);
    } catch (...) {
      part->error_ = std::current_exception();
      XML_StopParser(part->parser_, XML_FALSE);
    }
  }
  static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** atts) {
    guarded(self, [&](XmlPart& p) { p.start(localName(name), atts); });
  }
  static void XMLCALL onEnd(void* self, const XML_Char* name) {
    guarded(self, [&](XmlPart& p) { p.end(localName(name)); });
  }
  static void XMLCALL onText(void* self, const XML_Char* s, int len) {
    guarded(self, [&](XmlPart& p) { p.text(std::string_view(s, static_cast<std::size_t>(len))); });
  }
  static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(self, [&](XmlPart& p) -> void {
      throw SourceError(damaged(p.in_.name() + " 含有 DTD 声明，XLSX 中不应出现",
                                p.in_.name() + " contains a DTD, which an XLSX never has"));
    });
  }

  PartReader& in_;
  XML_Parser parser_ = nullptr;
  std::exception_ptr error_;
  std::uint64_t sinceEvent_ = 0;
};

struct Relationship {
  std::string type, target;
};

class RelsPart final : public XmlPart {
 public:
  using XmlPart::XmlPart;
  std::map<std::string, Relationship> byId;

 protected:
  void start(std::string_view name, const XML_Char** atts) override {
    if (name != "Relationship" || byId.size() >= kMaxRelationships) return;
    const char* id = attribute(atts, "Id");
    const char* target = attribute(atts, "Target");
    const char* type = attribute(atts, "Type");
    const char* mode = attribute(atts, "TargetMode");
    if (!id || !target || (mode && std::string_view(mode) == "External")) return;
    byId.emplace(id, Relationship{type ? type : "", target});
  }
  void end(std::string_view) override {}
};

class WorkbookPart final : public XmlPart {
 public:
  using XmlPart::XmlPart;
  bool date1904 = false;
  std::optional<std::string> firstSheetId;
  std::string firstSheetName;

 protected:
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "workbookPr") {
      const char* v = attribute(atts, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet" && !firstSheetId) {
      if (const char* id = attribute(atts, "id")) {
        firstSheetId = id;
        const char* n = attribute(atts, "name");
        firstSheetName = n ? n : "";
      }
    }
  }
  void end(std::string_view) override {}
};

class StylesPart final : public XmlPart {
 public:
  using XmlPart::XmlPart;
  // Per cellXfs index: does the style show a date?
  std::vector<char> dateStyles() const {
    std::vector<char> out;
    out.reserve(xfFormats_.size());
    for (auto id : xfFormats_) {
      auto custom = customFormats_.find(id);
      out.push_back(custom != customFormats_.end() ? custom->second : builtinDateFormat(id));
    }
    return out;
  }

 protected:
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "cellXfs") inCellXfs_ = true;
    else if (name == "numFmt" && customFormats_.size() < kMaxNumberFormats) {
      const char* id = attribute(atts, "numFmtId");
      const char* code = attribute(atts, "formatCode");
      if (auto n = id ? parseInt(id) : std::nullopt; n && code)
        customFormats_[*n] = customDateFormat(code);
    } else if (name == "xf" && inCellXfs_ && xfFormats_.size() < kMaxStyles) {
      const char* id = attribute(atts, "numFmtId");
      auto n = id ? parseInt(id) : std::nullopt;
      xfFormats_.push_back(n.value_or(0));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") inCellXfs_ = false;
  }

 private:
  bool inCellXfs_ = false;
  std::map<std::int64_t, bool> customFormats_;
  std::vector<std::int64_t> xfFormats_;
};

class SharedStringsPart final : public XmlPart {
 public:
  SharedStringsPart(PartReader& in, std::size_t maxFieldBytes, std::vector<std::string>& strings)
      : XmlPart(in), cap_(maxFieldBytes < SIZE_MAX ? maxFieldBytes + 1 : maxFieldBytes), strings_(strings) {}

 protected:
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      current_.clear();
      inItem_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && inItem_ && phonetic_ == 0) {
      capture_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") {
      capture_ = false;
    } else if (name == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (name == "si" && inItem_) {
      inItem_ = false;
      used_ += current_.size() + sizeof(std::string);
      if (used_ > kMaxSharedStringBytes)
        throw SourceError({"XLSX 文件的共享字符串表超过 256 MiB，拒绝读取",
                           "The shared-string table of the XLSX file exceeds 256 MiB; refused"});
      strings_.push_back(unescapeOoxml(std::move(current_)));
      current_ = std::string();
    }
  }
  void text(std::string_view s) override {
    if (!capture_ || current_.size() >= cap_) return;
    current_.append(s.substr(0, cap_ - current_.size()));
  }

 private:
  std::size_t cap_;
  std::vector<std::string>& strings_;
  std::string current_;
  std::uint64_t used_ = 0;
  int phonetic_ = 0;
  bool inItem_ = false, capture_ = false;
};

// ---- the sheet ----

class SheetPart final : public XmlPart {
 public:
  SheetPart(PartReader& in, const SourceLimits& limits, const std::vector<std::string>& strings,
            const std::vector<char>& dateStyles, bool date1904)
      : XmlPart(in), limits_(limits), strings_(strings), dateStyles_(dateStyles), date1904_(date1904),
        cap_(limits.maxFieldBytes < SIZE_MAX ? limits.maxFieldBytes + 1 : limits.maxFieldBytes) {}

  const std::vector<std::string>& header() const { return header_; }
  bool hasHeader() const { return headerDone_; }
  std::deque<SourceRow>& ready() { return ready_; }

 protected:
  void start(std::string_view name, const XML_Char** atts) override {
    if (name == "sheetData") {
      inData_ = true;
    } else if (!inData_) {
      return;
    } else if (name == "row") {
      const char* r = attribute(atts, "r");
      auto n = r ? parseInt(r) : std::nullopt;
      rowNumber_ = n && *n > 0 && *n <= 100'000'000 ? *n : rowNumber_ + 1;
      startRow();
    } else if (name == "c" && inRow_) {
      const char* r = attribute(atts, "r");
      auto col = r ? columnOf(r) : std::nullopt;
      column_ = col ? *col : nextColumn_;
      const char* t = attribute(atts, "t");
      type_ = t ? t : "";
      const char* s = attribute(atts, "s");
      auto style = s ? parseInt(s) : std::nullopt;
      isDate_ = style && *style >= 0 && static_cast<std::size_t>(*style) < dateStyles_.size() &&
                dateStyles_[static_cast<std::size_t>(*style)];
      value_.clear();
      inCell_ = true;
    } else if (!inCell_) {
      return;
    } else if (name == "v") {
      capture_ = true;
    } else if (name == "is") {
      inInline_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && inInline_ && phonetic_ == 0) {
      capture_ = true;
    }
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (name == "is") {
      inInline_ = false;
    } else if (name == "c" && inCell_) {
      inCell_ = inInline_ = capture_ = false;
      phonetic_ = 0;
      finishCell();
      nextColumn_ = column_ + 1;
    } else if (name == "row" && inRow_) {
      inRow_ = false;
      finishRow();
    } else if (name == "sheetData") {
      inData_ = false;
    }
  }

  void text(std::string_view s) override {
    if (!capture_ || value_.size() >= cap_) return;
    value_.append(s.substr(0, cap_ - value_.size()));
  }

 private:
  void startRow() {
    inRow_ = true;
    nextColumn_ = 0;
    rowBytes_ = 0;
    extra_ = 0;
    problem_.reset();
    cells_.assign(headerDone_ ? header_.size() : 0, std::string());
    width_ = 0;
  }

  std::string cellText() {
    if (type_ == "s") {
      auto index = parseInt(value_);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= strings_.size()) {
        badReference_ = true;
        return value_;
      }
      return strings_[static_cast<std::size_t>(*index)];
    }
    if (type_ == "inlineStr" || type_ == "str") return unescapeOoxml(std::move(value_));
    if (type_ == "b") {
      if (value_ == "1") return "true";
      if (value_ == "0") return "false";
      return value_;
    }
    if (type_ == "d") {  // ISO 8601 date-time written as such
      auto t = value_.find('T');
      return t == std::string::npos ? value_ : value_.substr(0, t);
    }
    if ((type_.empty() || type_ == "n") && isDate_)
      if (auto date = serialToDate(value_, date1904_)) return *date;
    return value_;  // numbers (and errors such as #N/A) as written
  }

  void finishCell() {
    badReference_ = false;
    std::string out = cellText();
    bool oversized = out.size() > limits_.maxFieldBytes;
    if (!headerDone_) {
      if (badReference_)
        throw SourceError(damaged(partName() + " 的表头引用了不存在的共享字符串",
                                  partName() + ": the header refers to a shared string that does not exist"));
      if (isBlank(out)) return;
      width_ = std::max(width_, column_ + 1);
      if (column_ >= limits_.maxColumns) return;
      if (oversized)
        throw SourceError({"表头" + columnLabel({}, column_) + "超过 " + std::to_string(limits_.maxFieldBytes) +
                               " 字节，不像是表头行",
                           "Header column " + std::to_string(column_ + 1) + " exceeds " +
                               std::to_string(limits_.maxFieldBytes) + " bytes; this is not a header row"});
      if (cells_.size() <= column_) cells_.resize(column_ + 1);
      cells_[column_] = std::move(out);
      return;
    }
    if (column_ >= header_.size()) {
      if (!isBlank(out)) extra_ = std::max(extra_, column_ + 1);
      return;
    }
    if (badReference_)
      addProblem(problem_, {"第 " + std::to_string(rowNumber_) + " 行" + columnLabel(header_, column_) +
                                "引用了不存在的共享字符串",
                            "Row " + std::to_string(rowNumber_) + ", column " + std::to_string(column_ + 1) +
                                " refers to a shared string that does not exist"});
    if (oversized) {
      truncateCell(out, out.size() >= cap_);
      addProblem(problem_, oversizedCell(rowNumber_, header_, column_, limits_));
    } else if (rowBytes_ + out.size() > limits_.maxRowBytes) {
      if (rowBytes_ <= limits_.maxRowBytes) addProblem(problem_, rowTooLong(rowNumber_, limits_));
      rowBytes_ = limits_.maxRowBytes + 1;
      truncateCell(out);
    }
    rowBytes_ += out.size();
    cells_[column_] = std::move(out);
  }

  void finishRow() {
    if (!headerDone_) {
      if (width_ == 0) return;  // blank row before the header
      header_ = checkHeader(std::move(cells_), width_, limits_);
      headerDone_ = true;
      cells_.clear();
      return;
    }
    if (extra_ > 0) addProblem(problem_, tooManyCells(rowNumber_, extra_, header_.size()));
    if (!problem_ && rowIsBlank(cells_)) return;
    SourceRow row;
    row.number = rowNumber_;
    row.cells = std::move(cells_);
    row.problem = std::move(problem_);
    ready_.push_back(std::move(row));
    suspend();  // one row at a time: memory stays flat
  }

  const SourceLimits& limits_;
  const std::vector<std::string>& strings_;
  const std::vector<char>& dateStyles_;
  bool date1904_;
  std::size_t cap_;

  std::vector<std::string> header_;
  bool headerDone_ = false;
  std::deque<SourceRow> ready_;

  bool inData_ = false, inRow_ = false, inCell_ = false, inInline_ = false, capture_ = false;
  int phonetic_ = 0;
  std::int64_t rowNumber_ = 0;
  std::vector<std::string> cells_;
  std::size_t width_ = 0;  // header row: 1 + last non-blank column
  std::size_t extra_ = 0;  // data row: 1 + last non-blank column beyond the header
  std::size_t rowBytes_ = 0;
  std::optional<LocalText> problem_;
  std::size_t column_ = 0, nextColumn_ = 0;
  std::string type_, value_;
  bool isDate_ = false, badReference_ = false;
};

// ---- the source ----

class XlsxSource final : public TableSource {
 public:
  XlsxSource(std::unique_ptr<Archive> archive, const SourceOptions& options)
      : archive_(std::move(archive)), limits_(options.limits) {
    if (limits_.maxColumns == 0) limits_.maxColumns = 1;
    std::string workbookPath = "xl/workbook.xml";
    if (!archive_->locate(workbookPath)) {
      // Not where Excel puts it: follow the package relationships.
      if (auto rels = readRels("_rels/.rels")) {
        for (const auto& [id, rel] : *rels)
          if (rel.type.ends_with("/officeDocument")) workbookPath = resolvePart("", rel.target);
      }
    }
    std::string baseDir = workbookPath.substr(0, workbookPath.rfind('/') + 1);

    auto workbookIndex = archive_->locate(workbookPath);
    if (!workbookIndex) throw SourceError(damaged("缺少 " + workbookPath, workbookPath + " is missing"));
    PartReader workbookIn(*archive_, *workbookIndex, workbookPath);
    WorkbookPart workbook(workbookIn);
    workbook.parseAll();

    std::string relsPath = baseDir + "_rels/" + workbookPath.substr(baseDir.size()) + ".rels";
    std::string sheetPath, stringsPath = baseDir + "sharedStrings.xml", stylesPath = baseDir + "styles.xml";
    if (auto rels = readRels(relsPath)) {
      for (const auto& [id, rel] : *rels) {
        if (rel.type.ends_with("/sharedStrings")) stringsPath = resolvePart(baseDir, rel.target);
        if (rel.type.ends_with("/styles")) stylesPath = resolvePart(baseDir, rel.target);
      }
      if (workbook.firstSheetId) {
        auto it = rels->find(*workbook.firstSheetId);
        if (it != rels->end()) sheetPath = resolvePart(baseDir, it->second.target);
      }
    }
    if (sheetPath.empty()) {
      if (!workbook.firstSheetId && !archive_->locate(baseDir + "worksheets/sheet1.xml"))
        throw SourceError(damaged(workbookPath + " 中没有工作表", workbookPath + " lists no sheet"));
      sheetPath = baseDir + "worksheets/sheet1.xml";  // the conventional place
    }

    if (auto i = archive_->locate(stylesPath)) {
      PartReader in(*archive_, *i, stylesPath);
      StylesPart styles(in);
      styles.parseAll();
      dateStyles_ = styles.dateStyles();
    }
    if (auto i = archive_->locate(stringsPath)) {
      PartReader in(*archive_, *i, stringsPath);
      SharedStringsPart strings(in, limits_.maxFieldBytes, strings_);
      strings.parseAll();
    }

    auto sheetIndex = archive_->locate(sheetPath);
    if (!sheetIndex) throw SourceError(damaged("缺少工作表 " + sheetPath, "the sheet " + sheetPath + " is missing"));
    sheetIn_ = std::make_unique<PartReader>(*archive_, *sheetIndex, sheetPath);
    sheet_ = std::make_unique<SheetPart>(*sheetIn_, limits_, strings_, dateStyles_, workbook.date1904);
    while (!sheet_->hasHeader()) {
      if (!sheet_->step()) {
        std::string name = workbook.firstSheetName.empty() ? sheetPath : workbook.firstSheetName;
        throw SourceError({"文件为空（第一个工作表“" + name + "”没有内容）",
                           "The file is empty (the first sheet \"" + name + "\" has no content)"});
      }
    }
  }

  const std::vector<std::string>& header() const override { return sheet_->header(); }
  std::string encodingName() const override { return "UTF-8"; }

  bool next(SourceRow& row) override {
    auto& ready = sheet_->ready();
    while (ready.empty())
      if (!sheet_->step()) break;
    if (ready.empty()) return false;
    row = std::move(ready.front());
    ready.pop_front();
    return true;
  }

 private:
  std::optional<std::map<std::string, Relationship>> readRels(const std::string& path) {
    auto i = archive_->locate(path);
    if (!i) return std::nullopt;
    PartReader in(*archive_, *i, path);
    RelsPart rels(in);
    rels.parseAll();
    return std::move(rels.byId);
  }

  std::unique_ptr<Archive> archive_;
  SourceLimits limits_;
  std::vector<std::string> strings_;
  std::vector<char> dateStyles_;
  std::unique_ptr<PartReader> sheetIn_;
  std::unique_ptr<SheetPart> sheet_;
};

}  // namespace

std::unique_ptr<TableSource> openXlsxFile(const std::filesystem::path& path, const SourceOptions& options) {
  return std::make_unique<XlsxSource>(std::make_unique<Archive>(path), options);
}

std::unique_ptr<TableSource> openXlsxBuffer(std::string_view bytes, const SourceOptions& options) {
  if (bytes.empty()) throw SourceError({"文件为空", "The file is empty"});
  return std::make_unique<XlsxSource>(std::make_unique<Archive>(bytes), options);
}

}  // namespace jinfu::collect::detail
