// libFuzzer target for the readers of provider files, built once per format (JINFU_FUZZ_CSV,
// JINFU_FUZZ_XLSX, JINFU_FUZZ_JSONL). The first input byte chooses options, the rest is the file:
//
//   bit 3 (0x08)   small limits (maxFieldBytes 16–64, maxColumns 4, maxRowBytes 256), to reach
//                  the limit paths with small inputs
//   CSV            byte % 3: encoding auto / utf-8 / gb18030
//   XLSX           bit 0: the rest is not a zip but the parts' XML separated by lines "===":
//                  workbook.xml, workbook.xml.rels, styles.xml, sharedStrings.xml, sheet1.xml;
//                  the target zips them itself, so that the mutations reach the XML readers
//
// Besides "no crash, no leak, no undefined behaviour", every row is checked against the promises
// of source.hpp: header within limits and without duplicates, cells aligned and valid UTF-8,
// bounded in size, row numbers increasing (CSV, JSON Lines).
//
// With JINFU_FUZZ_XLSX_SEED=file set, the XLSX target writes a raw-zip seed to that file and
// exits (scripts/fuzz uses it: no binary seed in the repository).
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "collect/source.hpp"

using namespace jinfu::collect;

namespace {

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

void consume(std::string_view bytes, const SourceOptions& options, bool increasingNumbers) {
  std::unique_ptr<TableSource> source;
  try {
    source = openBuffer(bytes, options);
  } catch (const SourceError& e) {
    if (e.text().zh.empty() || e.text().en.empty()) broken("SourceError without text");
    return;
  }
  const auto& header = source->header();
  if (header.empty()) broken("empty header");
  if (header.size() > options.limits.maxColumns) broken("header wider than maxColumns");
  std::set<std::string_view> names;
  for (const auto& name : header) {
    if (!detail::validUtf8(name)) broken("header name not UTF-8");
    if (!name.empty() && !names.insert(name).second) broken("duplicate header name");
    if (detail::trim(name) != name) broken("header name not trimmed");
  }
  const std::size_t maxCell = 2 * options.limits.maxFieldBytes + kTruncatedCellBytes + 8;
  SourceRow row;
  std::int64_t last = 0;
  try {
    while (source->next(row)) {
      if (row.cells.size() != header.size()) broken("cells not aligned to the header");
      if (increasingNumbers && row.number <= last) broken("row numbers not increasing");
      last = row.number;
      if (row.problem && (row.problem->zh.empty() || row.problem->en.empty())) broken("problem without text");
      if (!row.problem && detail::rowIsBlank(row.cells)) broken("blank row returned");
      for (const auto& cell : row.cells) {
        if (!detail::validUtf8(cell)) broken("cell not UTF-8");
        if (cell.size() > maxCell) broken("cell larger than the limit allows");
      }
    }
  } catch (const SourceError& e) {
    if (e.text().zh.empty()) broken("SourceError without text");
  }
}

#if defined(JINFU_FUZZ_XLSX)
// A zip of the given parts (stored, not deflated); empty parts are left out.
std::string zipParts(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  std::string out;
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!src) return out;
  zip_source_keep(src);
  if (zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error)) {
    for (const auto& [name, content] : parts) {
      if (content.empty()) continue;
      zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
      if (!s) continue;
      zip_int64_t i = zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
      if (i < 0) {
        zip_source_free(s);
        continue;
      }
      zip_set_file_compression(za, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
    }
    if (zip_close(za) != 0) zip_discard(za);
    if (zip_source_open(src) == 0) {
      char buffer[16384];
      zip_int64_t n;
      while ((n = zip_source_read(src, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
      zip_source_close(src);
    }
  }
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

std::string assemble(std::string_view text) {
  static const char* kNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                 "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
  std::vector<std::pair<std::string, std::string_view>> parts;
  for (const char* name : kNames) {
    auto sep = text.find("\n===\n");
    parts.emplace_back(name, text.substr(0, sep));
    if (sep == std::string_view::npos) {
      text = {};
    } else {
      text.remove_prefix(sep + 5);
    }
  }
  return zipParts(parts);
}

constexpr std::string_view kSeedParts =
    R"(<workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"
    "\n===\n"
    R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>)"
    "\n===\n"
    R"(<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>)"
    "\n===\n"
    R"(<sst><si><t>名称</t></si><si><r><t>日</t></r><r><t>期</t></r></si><si><t>焦作_x000D_</t><rPh><t>x</t></rPh></si></sst>)"
    "\n===\n"
    R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="inlineStr"><is><t>数</t></is></c></row><row r="2"><c r="A2" t="s"><v>2</v></c>)"
    R"(<c r="B2" s="1"><v>45296</v></c><c r="C2"><v>2.0E+17</v></c><c r="E2" t="b"><v>1</v></c></row>)"
    R"(<row r="4"><c t="str"><v>x</v></c><c s="2"><v>60</v></c></row></sheetData></worksheet>)";
#endif

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
#if defined(JINFU_FUZZ_XLSX)
  if (const char* path = std::getenv("JINFU_FUZZ_XLSX_SEED")) {
    std::string seed = "0" + assemble(kSeedParts);  // '0': raw zip, default limits
    std::FILE* f = std::fopen(path, "wb");
    if (!f || std::fwrite(seed.data(), 1, seed.size(), f) != seed.size() || std::fclose(f) != 0) std::exit(1);
    std::exit(0);
  }
#endif
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t config = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  SourceOptions options;
  if (config & 0x08) {
    options.limits.maxFieldBytes = 16 + (config & 0x30);
    options.limits.maxColumns = 4;
    options.limits.maxRowBytes = 256;
  }
#if defined(JINFU_FUZZ_CSV)
  options.format = Format::Csv;
  options.encoding = config % 3 == 0 ? Encoding::Auto : config % 3 == 1 ? Encoding::Utf8 : Encoding::Gb18030;
  consume(bytes, options, true);
#elif defined(JINFU_FUZZ_JSONL)
  options.format = Format::JsonLines;
  consume(bytes, options, true);
#elif defined(JINFU_FUZZ_XLSX)
  options.format = Format::Xlsx;
  if (config & 1) {
    std::string zip = assemble(bytes);
    consume(zip, options, false);
  } else {
    consume(bytes, options, false);
  }
#else
#error "define JINFU_FUZZ_CSV, JINFU_FUZZ_XLSX or JINFU_FUZZ_JSONL"
#endif
  return 0;
}
