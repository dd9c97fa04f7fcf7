#include "platform/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace jinfu {

PrivateTempDir::PrivateTempDir(std::string_view prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory " + pattern);
  path_ = pattern;
}

PrivateTempDir::~PrivateTempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace jinfu
