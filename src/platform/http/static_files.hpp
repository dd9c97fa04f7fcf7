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

  // Throws ApiError 404 when there is nothing to serve.
  Response serve(std::string_view decodedPath) const;

  static std::string_view contentTypeFor(std::string_view extension);

 private:
  std::filesystem::path root_;
};

}  // namespace jinfu::http
