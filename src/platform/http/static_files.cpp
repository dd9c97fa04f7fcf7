#include "platform/http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace jinfu::http {
namespace {

std::optional<std::string> readFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

ApiError missing(std::string_view path) {
  return ApiError::notFound({"页面或文件不存在：" + std::string(path) + "。", "No such page or file: " + std::string(path) + "."});
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::string_view StaticFiles::contentTypeFor(std::string_view ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".yaml" || ext == ".yml") return "application/yaml; charset=utf-8";
  return "application/octet-stream";
}

Response StaticFiles::serve(std::string_view path) const {
  // Only plain relative segments: no "..", no empty or hidden segments, no NUL or backslash.
  std::filesystem::path relative;
  size_t start = 1;
  bool hasExtension = false;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.' || segment.find('\0') != std::string_view::npos ||
        segment.find('\\') != std::string_view::npos)
      throw missing(path);
    relative /= std::string(segment);
    hasExtension = segment.find('.') != std::string_view::npos;
    start = end + 1;
  }

  if (!relative.empty()) {
    auto file = root_ / relative;
    if (auto content = readFile(file)) {
      Response res = Response::text(std::move(*content), std::string(contentTypeFor(file.extension().string())));
      bool hashed = path.starts_with("/assets/");
      res.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
      return res;
    }
    if (hasExtension) throw missing(path);  // a missing asset must not turn into an HTML page
  }
  auto index = readFile(root_ / "index.html");
  if (!index)
    throw ApiError::notFound({"前端页面尚未构建（缺少 " + (root_ / "index.html").string() + "）。",
                              "The web front end is not built (missing " + (root_ / "index.html").string() + ")."});
  Response res = Response::text(std::move(*index), "text/html; charset=utf-8");
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

}  // namespace jinfu::http
