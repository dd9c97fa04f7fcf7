#pragma once
// A private temporary directory (mode 0700, so no other local user can read or swap what is put
// there), removed with everything in it when the object goes. For files the server writes on the
// way through: an XLSX export, an upload.
#include <filesystem>
#include <string_view>

namespace jinfu {

class PrivateTempDir {
 public:
  // Under the system's temporary directory, named "<prefix>XXXXXX". Throws std::runtime_error.
  explicit PrivateTempDir(std::string_view prefix);
  ~PrivateTempDir();
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace jinfu
