#include "platform/http/metrics.hpp"

#include <fmt/format.h>

namespace jinfu::http {

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto& s = series_[{method, route, status}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

void Metrics::addSource(GaugeSource source) {
  std::lock_guard lock(mutex_);
  sources_.push_back(std::move(source));
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP jinfu_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE jinfu_http_requests_total counter\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    out += fmt::format("jinfu_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, route, status, s.count);
  }
  out += "# HELP jinfu_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE jinfu_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    auto labels = fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", method, route, status);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("jinfu_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], s.buckets[i]);
    out += fmt::format("jinfu_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, s.count);
    out += fmt::format("jinfu_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, s.sum);
    out += fmt::format("jinfu_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
  }
  for (const auto& source : sources_) out += source();
  return out;
}

}  // namespace jinfu::http
