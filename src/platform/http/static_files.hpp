#pragma once
// Serves the built single-page application from a directory (web/dist). Hashed assets under
// /assets/ are cached for a year; index.html is revalidated every time, and is also the answer
// for any other path without a file extension, so client-side routes survive a reload.
#include <filesystem>
#include <string_view>

#include "platform/http/message.hpp"

namespace jinfu::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // Throws ApiError 404 when there is nothing to serve. A file built with a precompressed
  // sibling (app.js.br, app.js.gz: see web/scripts/compress-dist.mjs) is answered with the one
  // `acceptEncoding` allows, Brotli first, and Vary: Accept-Encoding.
  Response serve(std::string_view decodedPath, std::string_view acceptEncoding = {}) const;

  // Whether an Accept-Encoding value allows `coding` ("br", "gzip"): named, or "*", without q=0.
  static bool accepts(std::string_view acceptEncoding, std::string_view coding);

  static std::string_view contentTypeFor(std::string_view extension);

 private:
  static void compressed(Response& res, const std::filesystem::path& file, std::string_view acceptEncoding);
  std::filesystem::path root_;
};

}  // namespace jinfu::http
