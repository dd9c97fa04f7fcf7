#include "platform/log.hpp"

#include <cstdio>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace jinfu::log {
namespace {

class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= kLimit) flush_();
  }
  void flush_() override {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stderr);
    std::fflush(stderr);
    buffer_.clear();
  }

 private:
  static constexpr size_t kLimit = 64 * 1024;
  std::string buffer_;
};

}  // namespace

void setUp(const std::string& level) {
  auto sink = std::make_shared<BufferedStderrSink>();
  auto logger = std::make_shared<spdlog::logger>("jinfu", sink);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void shutDown() { spdlog::shutdown(); }

}  // namespace jinfu::log
