#pragma once
// The HTTP server: Boost.Beast on Asio with C++20 coroutines, several threads. It owns the
// per-request plumbing every route shares — request id, limits and timeouts, security headers,
// problem+json for every failure, the access log, metrics, the built SPA — so that handlers only
// see a Request and return a Response. Beast stays inside server.cpp.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/forwarded.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/fwd.hpp"

namespace jinfu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;          // 0 picks a free port; see Server::port()
  unsigned threads = 4;           // read requests and write answers; never block
  unsigned workers = 4;           // run handlers, which may block (database, argon2id, imports)
  size_t bodyLimit = 1 << 20;    // bytes; larger bodies get 413
  size_t headerLimit = 16 << 10; // bytes; larger headers get 431
  std::chrono::milliseconds headerTimeout{10'000};  // whole header, including keep-alive idle time
  std::chrono::milliseconds bodyTimeout{30'000};
  std::chrono::milliseconds shutdownGrace{10'000};  // time in-flight requests get on SIGTERM
  std::filesystem::path webRoot = "web/dist";       // the built SPA; may be missing
  // The process's clock, for the Date header every response carries: the SPA reads "today" from
  // it, so that pages agree with the server's calendar (a pinned test or demo clock included).
  // Null: no Date header.
  const Clock* clock = nullptr;
  TrustedProxies trustedProxies;  // whose X-Forwarded-For / -Proto are believed; none by default
};

class Server {
 public:
  // `metrics` is shared with the /metrics route and must outlive the server.
  Server(ServerOptions options, Router router, Metrics& metrics);
  ~Server();

  // Binds the listening socket (so port() is known) without serving yet. Throws on failure.
  void bind();
  uint16_t port() const;

  // Serves until SIGINT/SIGTERM or stop(); then stops accepting, lets requests in flight finish
  // (up to shutdownGrace), closes idle connections and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jinfu::http
