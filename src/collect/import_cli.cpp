#include "collect/import_cli.hpp"

#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "collect/catalogue.hpp"
#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/organisation_directory.hpp"
#include "platform/cli.hpp"
#include "platform/db/database.hpp"
#include "platform/errors.hpp"

namespace jinfu::collect {
namespace {

// The file's SHA-256, read in blocks: the batch's identity, computed without loading it whole.
std::string sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ApiError::badRequest("file_missing", {"无法读取文件：" + path, "Cannot read the file: " + path});
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    auto n = in.gcount();
    if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(block.data()),
                                         static_cast<unsigned long long>(n));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

int64_t providerId(db::Database& db, const std::string& provider) {
  auto conn = db.lease();
  auto id = auth::OrganisationDirectory::providerId(*conn, provider);
  if (!id)
    throw ApiError::badRequest("bad_argument", {"提供部门「" + provider + "」不存在（可用编号、全称或简称）。",
                                                "No provider \"" + provider + "\" (give its id, name or short name)."});
  return *id;
}

}  // namespace

int runImport(db::Database& db, const Clock& clock, const ImportCommand& command, std::ostream& out,
              std::ostream& err) {
  try {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    Submission sub;
    sub.category = command.category;
    if (!findCategory(sub.category))
      throw ApiError::badRequest("bad_argument", {"数据类别「" + sub.category + "」不存在。", "Unknown category."});
    sub.providerId = providerId(db, command.provider);
    sub.source = "cli";
    sub.fileName = command.file;
    if (!command.format.empty()) {
      auto f = parseFormat(command.format);
      if (!f) throw ApiError::badRequest("bad_argument", {"--format 须为 csv、xlsx 或 jsonl。", "--format must be csv, xlsx or jsonl."});
      sub.format = *f;
    } else if (auto f = formatFromName(command.file)) {
      sub.format = *f;
    } else {
      throw ApiError::badRequest("bad_argument", {"无法从文件名判断格式，请用 --format 指定。",
                                                  "Cannot tell the format from the file name; give --format."});
    }
    auto e = parseEncoding(command.encoding);
    if (!e) throw ApiError::badRequest("bad_argument", {"--encoding 须为 auto、utf-8 或 gb18030。", "--encoding must be auto, utf-8 or gb18030."});
    sub.encoding = *e;
    sub.resubmitOf = command.resubmitOf;
    sub.contentSha256 = sha256OfFile(command.file);

    SourceOptions options;
    options.format = sub.format;
    options.encoding = sub.encoding;
    std::unique_ptr<TableSource> source;
    try {
      source = openFile(command.file, options);
    } catch (const SourceError& e) {
      throw ApiError(422, "file_unreadable", statusTitle(422), e.text());
    }
    audit::AuditLog audit(db, clock);
    Importer importer(db, audit, clock);
    // A progress line for long files (on the error stream, so that --json output stays clean).
    auto result = importer.run(sub, *source, audit::commandLineActor(), [&err](int64_t rows) {
      if (rows % 100'000 == 0) err << "已读取 " << rows << " 行…" << std::endl;
    });
    auto batch = CollectStore(db).batch(auth::DataScope{auth::DataScope::Kind::All}, result.batchId).value();
    if (command.json) {
      out << nlohmann::json({{"batchId", batch.id},
                             {"duplicate", result.duplicate},
                             {"rowsTotal", batch.rowsTotal},
                             {"rowsAccepted", batch.rowsAccepted},
                             {"rowsUnchanged", batch.rowsUnchanged},
                             {"rowsQuarantined", batch.rowsQuarantined},
                             {"rowsSuperseding", batch.rowsSuperseding},
                             {"unknownColumns", batch.unknownColumns}})
                 .dump()
          << "\n";
    } else if (result.duplicate) {
      out << "该文件已提交过（批次 " << batch.id << "），未重复入库\n";
    } else {
      out << "批次 " << batch.id << "：共 " << batch.rowsTotal << " 行，入库 " << batch.rowsAccepted << " 行（其中更新 "
          << batch.rowsSuperseding << " 行），未变化 " << batch.rowsUnchanged << " 行，隔离 " << batch.rowsQuarantined
          << " 行\n";
      if (!batch.unknownColumns.empty()) {
        out << "未识别的列（已忽略）：";
        for (size_t i = 0; i < batch.unknownColumns.size(); ++i) out << (i ? "、" : "") << batch.unknownColumns[i];
        out << "\n";
      }
      if (batch.rowsQuarantined > 0) {
        CollectStore store(db);
        auto page = store.quarantine(auth::DataScope{auth::DataScope::Kind::All, {}, 0, {}}, batch.id, 1, 20);
        for (const auto& q : page.items) {
          auto problems = nlohmann::json::parse(q.problemsJson, nullptr, false);
          out << "  第 " << q.rowNumber << " 行：";
          bool first = true;
          for (const auto& p : problems) {
            out << (first ? "" : "；");
            first = false;
            if (!p.value("column", "").empty()) out << p.value("column", "") << "：";
            if (p.contains("reason")) out << p["reason"].value("zh", "");
          }
          out << "\n";
        }
        if (page.total > 20) out << "  ……其余 " << page.total - 20 << " 行见页面或隔离数据下载\n";
      }
    }
    return result.duplicate ? 3 : 0;
  } catch (const ApiError& e) {
    err << "错误：" << e.detail().zh;
    for (const auto& fe : e.errors()) err << "（" << fe.field << "：" << fe.message.zh << "）";
    err << "\n";
    return 2;
  }
}

void registerCli(CLI::App& app, CliContext& context) {
  auto args = std::make_shared<ImportCommand>();
  auto* importCmd = app.add_subcommand("import", "导入归集数据文件（CSV、XLSX、JSON Lines），与页面上传、接口报送同一流程");
  importCmd->add_option("--category", args->category, "数据类别，如 tax、registration")->required();
  importCmd->add_option("--provider", args->provider, "提供部门：编号、全称或简称")->required();
  importCmd->add_option("--format", args->format, "csv、xlsx 或 jsonl（默认按扩展名）");
  importCmd->add_option("--encoding", args->encoding, "auto、utf-8 或 gb18030（CSV）")->capture_default_str();
  importCmd->add_option("--resubmit-of", args->resubmitOf, "本文件更正的批次编号");
  importCmd->add_flag("--json", args->json, "以 JSON 输出结果");
  importCmd->add_option("FILE", args->file, "文件路径")->required()->check(CLI::ExistingFile);
  context.on(importCmd, [&context, args] { return runImport(context.migrated(), context.clock(), *args, std::cout, std::cerr); });
}

}  // namespace jinfu::collect
