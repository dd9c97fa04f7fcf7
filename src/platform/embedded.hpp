#pragma once
// Data files compiled into the binary (migrations, demo data, the holiday schedule), so that the
// `jinfu` command never depends on the directory it is started from.
#include <optional>
#include <string_view>
#include <vector>

namespace jinfu::embedded {

struct File {
  std::string_view path;     // relative to the source tree, e.g. "migrations/0001_init.sql"
  std::string_view content;
};

const std::vector<File>& all();

inline std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.content;
  return std::nullopt;
}

}  // namespace jinfu::embedded
