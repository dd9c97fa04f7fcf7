#pragma once
// Request counters and latency histograms per route and status, rendered in the Prometheus
// text format. Routes are the declared patterns, not raw paths, so ids never blow up the labels.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace jinfu::http {

class Metrics {
 public:
  void observe(const std::string& method, const std::string& route, int status, double seconds);

  // Extra gauges appended at render time (database pool use, connections).
  using GaugeSource = std::function<std::string()>;
  void addSource(GaugeSource source);

  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;
  std::vector<GaugeSource> sources_;
};

}  // namespace jinfu::http
