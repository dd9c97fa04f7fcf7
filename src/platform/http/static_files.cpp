#include "platform/http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <utility>
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

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool StaticFiles::accepts(std::string_view header, std::string_view coding) {
  bool any = false, named = false, namedOk = false;
  while (!header.empty()) {
    size_t comma = header.find(',');
    auto item = trimmed(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    auto name = trimmed(item.substr(0, semi));
    bool zero = false;
    if (semi != std::string_view::npos) {
      auto param = trimmed(item.substr(semi + 1));
      if (param.starts_with("q=") || param.starts_with("Q=")) {
        auto q = param.substr(2);
        zero = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
      }
    }
    bool same = name.size() == coding.size() &&
                std::equal(name.begin(), name.end(), coding.begin(), [](char a, char b) {
                  return std::tolower(static_cast<unsigned char>(a)) == b;
                });
    if (same) named = true, namedOk = !zero;
    else if (name == "*") any = !zero;
  }
  return named ? namedOk : any;
}

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

// Swaps the body for a precompressed sibling the client accepts. Vary goes on whenever a sibling
// exists, so that a cache never hands the Brotli body to a client that did not ask for it.
void StaticFiles::compressed(Response& res, const std::filesystem::path& file, std::string_view acceptEncoding) {
  bool vary = false;
  for (auto [coding, suffix] : {std::pair<std::string_view, std::string_view>{"br", ".br"}, {"gzip", ".gz"}}) {
    auto sibling = file;
    sibling += std::string(suffix);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(sibling, ec)) continue;
    vary = true;
    if (!accepts(acceptEncoding, coding)) continue;
    if (auto body = readFile(sibling)) {
      res.body = std::move(*body);
      res.headers.emplace_back("Content-Encoding", std::string(coding));
      break;
    }
  }
  if (vary) res.headers.emplace_back("Vary", "Accept-Encoding");
}

Response StaticFiles::serve(std::string_view path, std::string_view acceptEncoding) const {
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
      compressed(res, file, acceptEncoding);
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
  compressed(res, root_ / "index.html", acceptEncoding);
  return res;
}

}  // namespace jinfu::http
