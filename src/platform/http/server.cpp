#include "platform/http/server.hpp"

#include <array>
#include <atomic>
#include <cmath>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "platform/clock.hpp"
#include "platform/http/static_files.hpp"

namespace jinfu::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

namespace {

constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

// The policy for every response: the SPA loads only its own scripts and styles (Element Plus
// sets inline styles), nothing may frame the platform, and browsers must not guess types.
const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string newRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<size_t>(i)] = hex[v & 0xF];
  return id;
}

// A client-supplied id is kept when it is short and plain, so traces can cross systems.
std::string requestIdFrom(const BeastRequest& req) {
  auto it = req.find("X-Request-Id");
  if (it != req.end()) {
    auto v = it->value();
    bool plain = !v.empty() && v.size() <= 64 && std::all_of(v.begin(), v.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
    if (plain) return std::string(v);
  }
  return newRequestId();
}

// Metrics labels must come from a closed set, or a client inventing methods grows them forever.
std::string methodLabel(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return "GET";
    case bhttp::verb::head: return "HEAD";
    case bhttp::verb::post: return "POST";
    case bhttp::verb::put: return "PUT";
    case bhttp::verb::patch: return "PATCH";
    case bhttp::verb::delete_: return "DELETE";
    case bhttp::verb::options: return "OPTIONS";
    default: return "OTHER";
  }
}

// RFC 9110 IMF-fixdate: "Fri, 27 Nov 2026 02:00:00 GMT".
std::string httpDate(std::chrono::system_clock::time_point t) {
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                days[std::chrono::weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

std::string_view headerOf(const BeastRequest& req, bhttp::field name) {
  auto it = req.find(name);
  return it == req.end() ? std::string_view{} : std::string_view(it->value());
}

bool departed(const boost::system::error_code& ec) {
  return ec == beast::error::timeout || ec == net::error::operation_aborted || ec == bhttp::error::end_of_stream ||
         ec == net::error::eof || ec == net::error::connection_reset || ec == bhttp::error::partial_message;
}

Response malformed(const boost::system::error_code& ec, Lang lang, const std::string& requestId) {
  return Response::problem(ApiError::badRequest("malformed_http", {"HTTP 请求格式错误，无法解析。",
                                                                   "Malformed HTTP request: " + ec.message() + "."}),
                           lang, "", requestId);
}

// A request's place under its route's in-flight limit, given back however the request ends.
struct InFlight {
  std::atomic<int>* counter = nullptr;
  InFlight() = default;
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  ~InFlight() {
    if (counter) counter->fetch_sub(1);
  }
};

struct Connection {
  net::any_io_executor executor;  // the connection's strand; `idle` is only touched on it
  beast::tcp_stream* stream = nullptr;
  bool idle = true;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Router router;
  Metrics& metrics;
  StaticFiles staticFiles;
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor;
  net::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<int> sessions{0};
  std::mutex connMutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;

  Impl(ServerOptions o, Router r, Metrics& m)
      : options(std::move(o)),
        router(std::move(r)),
        metrics(m),
        staticFiles(options.webRoot),
        ioc(static_cast<int>(std::max(1u, options.threads))),
        workers(std::max(1u, options.workers)),
        acceptor(net::make_strand(ioc)),
        signals(ioc, SIGINT, SIGTERM) {}

  net::awaitable<void> acceptLoop();
  net::awaitable<void> session(tcp::socket socket);
  void beginShutdown();

  // Fills `req` from the request line and headers and finds its route; an answer when the request
  // can be answered without a handler (bad target, 404, 405), nullopt otherwise (a route, or a
  // static file when `route` stays null).
  std::optional<Response> prepare(const BeastRequest& breq, const std::string& peer, const std::string& requestId,
                                  Request& req, const Route*& route, std::string& routeLabel);
  std::optional<Response> admit(Request& req, const Route& route);  // the refusal, if any
  Response handle(Request& req, const Route& route);
  Response fallback(Request& req, std::string& routeLabel);
  // Counts the request against its route's in-flight limit; the 429 when the limit is reached.
  // Asked on a worker once the caller is admitted (a 403 wins over a 429), before the handler.
  std::optional<Response> enterWorkers(const Route& route, const Request& req, InFlight& place);
  // Runs `work`; the problem+json answer when it throws, nullopt when it does not.
  template <class Work>
  std::optional<Response> failureOf(const Request& req, Work&& work);
  Response tooLarge(size_t limit, const Request& req) const;
  BeastResponse toBeast(Response res, unsigned version, bool head, const std::string& requestId) const;

  // Runs `work` on the worker pool and resumes on the connection's strand, so that a handler
  // that blocks (the database, argon2id, an import) never holds a thread that reads requests.
  template <class Work>
  net::awaitable<std::invoke_result_t<Work>> onWorkers(Work work) {
    using Result = std::invoke_result_t<Work>;
    co_return co_await net::co_spawn(
        workers, [work = std::move(work)]() mutable -> net::awaitable<Result> { co_return work(); },
        net::use_awaitable);
  }
};

Server::Server(ServerOptions options, Router router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), metrics)) {}

Server::~Server() = default;

void Server::bind() {
  auto& a = impl_->acceptor;
  tcp::endpoint endpoint(net::ip::make_address(impl_->options.host), impl_->options.port);
  a.open(endpoint.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(endpoint);
  a.listen(net::socket_base::max_listen_connections);
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::stop() {
  net::post(impl_->ioc, [impl = impl_.get()] { impl->beginShutdown(); });
}

void Server::run() {
  auto& d = *impl_;
  if (!d.acceptor.is_open()) bind();
  d.signals.async_wait([&d](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, finishing requests in flight", signal);
    d.beginShutdown();
  });
  net::co_spawn(d.acceptor.get_executor(), d.acceptLoop(), net::detached);
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < std::max(1u, d.options.threads); ++i) threads.emplace_back([&d] { d.ioc.run(); });
  d.ioc.run();
  for (auto& t : threads) t.join();
  d.workers.join();
  spdlog::info("server stopped");
}

void Server::Impl::beginShutdown() {
  if (stopping.exchange(true)) return;
  signals.cancel();
  net::post(acceptor.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  });
  {
    // Connections waiting for a next request are closed now; busy ones close after answering.
    std::lock_guard lock(connMutex);
    for (const auto& conn : connections)
      net::post(conn->executor, [conn] {
        if (conn->idle && conn->stream) conn->stream->cancel();
      });
  }
  net::co_spawn(ioc, [this]() -> net::awaitable<void> {
    auto deadline = std::chrono::steady_clock::now() + options.shutdownGrace;
    net::steady_timer timer(co_await net::this_coro::executor);
    while (sessions.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(kUseTuple);
    }
    if (sessions.load() > 0) spdlog::warn("{} connections still open after the grace period", sessions.load());
    ioc.stop();
  }, net::detached);
}

net::awaitable<void> Server::Impl::acceptLoop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kUseTuple);
    if (ec) {
      if (stopping || ec == net::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    net::co_spawn(executor, session(std::move(socket)), net::detached);
  }
}

net::awaitable<void> Server::Impl::session(tcp::socket socket) {
  sessions.fetch_add(1);
  auto conn = std::make_shared<Connection>();
  conn->executor = socket.get_executor();
  beast::tcp_stream stream(std::move(socket));
  conn->stream = &stream;
  {
    std::lock_guard lock(connMutex);
    connections.insert(conn);
  }
  std::string remote;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  beast::flat_buffer buffer;

  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.headerLimit));
    // The body is read only once the caller has been admitted and its route's limit is known.
    parser.body_limit(boost::none);
    conn->idle = true;
    stream.expires_after(options.headerTimeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
    conn->idle = false;
    // A request refused for its headers may still have an id and a language to answer in.
    std::string requestId = parser.is_header_done() ? requestIdFrom(parser.get()) : newRequestId();
    auto started = std::chrono::steady_clock::now();
    if (ec && departed(ec)) break;  // a stalled, idle-at-shutdown or departed client: drop it quietly

    BeastRequest& breq = parser.get();
    Request req;
    std::string routeLabel = "unmatched";
    const Route* route = nullptr;
    std::optional<Response> answer;  // once known: a refusal before the body, or a body-less request handled
    InFlight inFlight;              // this request's place under its route's in-flight limit
    if (ec == bhttp::error::header_limit) {
      answer = Response::problem(ApiError(431, "header_too_large", statusTitle(431),
                                         {"请求头超过上限 " + std::to_string(options.headerLimit) + " 字节。",
                                          "The headers exceed the limit of " + std::to_string(options.headerLimit) +
                                              " bytes."}),
                                negotiateLang(headerOf(breq, bhttp::field::accept_language)), "", requestId);
    } else if (ec) {
      answer = malformed(ec, negotiateLang(headerOf(breq, bhttp::field::accept_language)), requestId);
    } else {
      answer = prepare(breq, remote, requestId, req, route, routeLabel);
      // Who may call is decided on the header: a refused caller's body is never read.
      // (No co_await inside ?: — g++ 12 miscompiles it.)
      if (!answer && route && route->admit && route->onIoThread) answer = admit(req, *route);
      // A request without a body (every GET) is admitted and handled in one trip to the workers:
      // there is nothing to hold back, and each trip costs two thread wake-ups.
      if (!answer && route && !route->onIoThread && parser.is_done()) {
        auto handled = co_await onWorkers([this, &req, &breq, route, &inFlight] {
          if (auto refusal = route->admit ? admit(req, *route) : std::nullopt) return std::move(*refusal);
          if (auto busy = enterWorkers(*route, req, inFlight)) return std::move(*busy);
          req.body = std::move(breq.body());
          return handle(req, *route);
        });
        answer = std::move(handled);
      }
      if (!answer && route && route->admit && !route->onIoThread && !parser.is_done())
        answer = co_await onWorkers([this, &req, route] { return admit(req, *route); });
    }
    // What the answer needs of the request line, taken now: reading a body to a file moves the parser.
    const unsigned version = breq.version() ? breq.version() : 11;
    const bool clientKeepAlive = breq.keep_alive();
    const bhttp::verb verb = breq.method();
    const std::string methodText(breq.method_string()), target(breq.target());
    // After a header error the stream is in an unknown state: answer, then close.
    bool bodyUnread = ec || !parser.is_done();
    size_t bodyLimit = route && route->bodyLimit ? route->bodyLimit : options.bodyLimit;
    if (!answer && bodyUnread) {
      auto declared = parser.content_length();
      if (declared && *declared > bodyLimit) {
        answer = tooLarge(bodyLimit, req);
      } else {
        if (auto expect = breq.find(bhttp::field::expect);
            expect != breq.end() && beast::iequals(expect->value(), "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
          co_await bhttp::async_write(stream, cont, kUseTuple);
        }
        boost::system::error_code bec;
        std::size_t bn = 0;
        stream.expires_after(options.bodyTimeout);
        if (route && route->bodyToFile) {
          // A file upload streams to disk as it arrives: never a hundred megabytes in memory.
          bhttp::request_parser<bhttp::file_body> toFile(std::move(parser));
          toFile.body_limit(bodyLimit);
          std::shared_ptr<UploadFile> upload;
          beast::error_code opened;
          try {
            upload = std::make_shared<UploadFile>();
            toFile.get().body().open(upload->path().c_str(), beast::file_mode::write, opened);
          } catch (const std::exception& e) {
            opened = net::error::no_permission;
            spdlog::error("cannot store an upload: {}", e.what());
          }
          if (opened) {
            answer = Response::problem(ApiError::unavailable({"服务器暂时无法接收文件，请稍后重试。",
                                                             "The server cannot take the file now; try again later."}),
                                      req.lang, req.path, requestId);
          } else {
            std::tie(bec, bn) = co_await bhttp::async_read(stream, buffer, toFile, kUseTuple);
            toFile.get().body().close();
            req.upload = std::move(upload);
          }
        } else {
          parser.body_limit(bodyLimit);
          std::tie(bec, bn) = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
        }
        if (answer) {
          // could not open the file: answered above, the body left unread
        } else if (bec == bhttp::error::body_limit) {
          answer = tooLarge(bodyLimit, req);
        } else if (bec && departed(bec)) {
          break;  // a client that stalls or leaves in the middle of its body gets no answer
        } else if (bec) {
          answer = malformed(bec, req.lang, requestId);  // a bad chunk, say
        } else {
          bodyUnread = false;
        }
      }
    }

    Response res;
    if (answer) {
      res = std::move(*answer);
    } else {
      if (!req.upload) req.body = std::move(breq.body());  // up to the body limit: not worth a copy
      if (!route) res = fallback(req, routeLabel);
      else if (route->onIoThread) res = handle(req, *route);
      else
        res = co_await onWorkers([this, &req, route, &inFlight] {
          if (auto busy = enterWorkers(*route, req, inFlight)) return std::move(*busy);
          return handle(req, *route);
        });
    }
    bool head = verb == bhttp::verb::head;
    BeastResponse out = toBeast(std::move(res), version, head, requestId);
    bool keepAlive = !bodyUnread && clientKeepAlive && !stopping;
    out.keep_alive(keepAlive);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.observe(methodLabel(verb), routeLabel, out.result_int(), seconds);
    spdlog::info("http_request {}",
                 nlohmann::json{{"requestId", requestId}, {"remote", req.remoteAddress.empty() ? remote : req.remoteAddress},
                                {"method", methodText}, {"target", target},
                                {"route", routeLabel}, {"status", out.result_int()}, {"bytes", out.body().size()},
                                {"ms", std::round(seconds * 1e5) / 100}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    stream.expires_after(options.bodyTimeout);  // a client that will not read its answer is dropped
    auto [wec, wn] = co_await bhttp::async_write(stream, out, kUseTuple);
    if (wec) break;
    if (bodyUnread) {
      // Lingering close: the client may still be sending the body we refused. Closing with
      // unread data makes the kernel send a reset that can destroy our answer before the
      // client reads it, so stop sending, then read and discard for a bounded time.
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream.expires_after(std::chrono::seconds(2));
      std::array<char, 16384> sink;
      for (size_t drained = 0; drained < (16u << 20);) {
        auto [dec, k] = co_await stream.async_read_some(net::buffer(sink), kUseTuple);
        if (dec) break;
        drained += k;
      }
      break;
    }
    if (!keepAlive) break;
  }

  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  {
    std::lock_guard lock(connMutex);
    connections.erase(conn);
  }
  conn->stream = nullptr;
  sessions.fetch_sub(1);
}

std::optional<Response> Server::Impl::prepare(const BeastRequest& breq, const std::string& peer,
                                              const std::string& requestId, Request& req, const Route*& route,
                                              std::string& routeLabel) {
  req.method = std::string(breq.method_string());
  req.target = std::string(breq.target());
  req.requestId = requestId;
  std::vector<std::string_view> forwardedFor, forwardedProto;
  for (const auto& field : breq) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "x-forwarded-for") forwardedFor.push_back(field.value());
    if (name == "x-forwarded-proto") forwardedProto.push_back(field.value());
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  auto client = options.trustedProxies.client(peer, forwardedFor, forwardedProto);
  req.remoteAddress = std::move(client.address);
  req.overTls = client.overTls;
  req.lang = negotiateLang(req.header("accept-language").value_or(""));

  // Origin form ("/path?query") as browsers send it; absolute form ("http://host/path") as
  // RFC 9112 requires servers to accept.
  auto target = breq.target();
  auto parsed = target.starts_with('/') ? boost::urls::parse_origin_form(target)
                                        : boost::urls::parse_absolute_uri(target);
  // An encoded slash would let "/api%2Fv1%2Fsummary" reach a route that path-based rules see
  // as something else; no route needs one.
  bool encodedSlash = parsed && (parsed->encoded_path().find("%2F") != std::string_view::npos ||
                                 parsed->encoded_path().find("%2f") != std::string_view::npos);
  if (!parsed || encodedSlash)
    return Response::problem(ApiError::badRequest("malformed_target", {"请求地址格式错误。", "The request target is malformed."}),
                             req.lang, "", requestId);
  req.path = parsed->path();
  if (req.path.empty()) req.path = "/";
  for (auto param : parsed->params()) req.query.emplace(param.key, param.value);

  try {
    auto match = router.match(req);
    if (match.route) {
      route = match.route;
      routeLabel = route->pattern;
      return std::nullopt;
    }
    if (match.methodMismatch) {
      auto res = Response::problem(ApiError(405, "method_not_allowed", statusTitle(405),
                                            {"该地址不支持 " + req.method + " 方法，可用：" + match.allowed + "。",
                                             "This address does not accept " + req.method + "; allowed: " +
                                                 match.allowed + "."}),
                                   req.lang, req.path, req.requestId);
      res.headers.emplace_back("Allow", match.allowed);
      return res;
    }
  } catch (const ApiError& e) {
    return Response::problem(e, req.lang, req.path, req.requestId);
  }
  bool isApi = req.path == "/api" || req.path.starts_with("/api/");
  if (!isApi && (req.method == "GET" || req.method == "HEAD")) return std::nullopt;  // a static file
  return Response::problem(ApiError::notFound({"接口不存在：" + req.method + " " + req.path + "。",
                                               "No such endpoint: " + req.method + " " + req.path + "."}),
                           req.lang, req.path, req.requestId);
}

std::optional<Response> Server::Impl::enterWorkers(const Route& route, const Request& req, InFlight& place) {
  if (route.maxInFlight <= 0) return std::nullopt;
  if (route.inFlight->fetch_add(1) < route.maxInFlight) {
    place.counter = route.inFlight.get();
    return std::nullopt;
  }
  route.inFlight->fetch_sub(1);
  ApiError busy(429, "busy", statusTitle(429),
                {"同时进行的此类请求过多，请 1 秒后重试。", "Too many of these requests at once; retry in a second."});
  busy.withHeader("Retry-After", "1");
  return Response::problem(busy, req.lang, req.path, req.requestId);
}

Response Server::Impl::fallback(Request& req, std::string& routeLabel) {
  routeLabel = "static";
  Response res;
  auto failure = failureOf(req, [&] { res = staticFiles.serve(req.path, req.header("accept-encoding").value_or("")); });  // missing, or no front end built
  return failure ? std::move(*failure) : std::move(res);
}

namespace {
// The router's finding of malformed path parameters, answered only once the caller is admitted.
void refuseInvalidParams(const Request& req) {
  if (!req.invalidParams.empty())
    throw ApiError::badRequest("invalid_path_parameter", {"路径参数格式不正确。", "A path parameter is malformed."},
                               req.invalidParams);
}
}  // namespace

std::optional<Response> Server::Impl::admit(Request& req, const Route& route) {
  return failureOf(req, [&] {
    route.admit(req);
    refuseInvalidParams(req);
  });
}

Response Server::Impl::handle(Request& req, const Route& route) {
  Response res;
  auto failure = failureOf(req, [&] {
    refuseInvalidParams(req);
    res = route.handler(req);
  });
  return failure ? std::move(*failure) : std::move(res);
}

template <class Work>
std::optional<Response> Server::Impl::failureOf(const Request& req, Work&& work) {
  try {
    work();
    return std::nullopt;
  } catch (const ApiError& e) {
    return Response::problem(e, req.lang, req.path, req.requestId);
  } catch (const std::exception& e) {
    // A bug, not bad input: log what happened, tell the client nothing about the internals.
    spdlog::error("unhandled error in {} {} (request {}): {}", req.method, req.path, req.requestId, e.what());
    return Response::problem(ApiError(500, "internal_error", statusTitle(500),
                                      {"服务器内部错误，请将请求编号 " + req.requestId + " 告知管理员。",
                                       "Internal error; quote request id " + req.requestId + " to the operator."}),
                             req.lang, req.path, req.requestId);
  }
}

Response Server::Impl::tooLarge(size_t limit, const Request& req) const {
  return Response::problem(ApiError(413, "payload_too_large", statusTitle(413),
                                    {"请求体超过上限 " + std::to_string(limit) + " 字节。",
                                     "The body exceeds the limit of " + std::to_string(limit) + " bytes."}),
                           req.lang, req.path, req.requestId);
}

BeastResponse Server::Impl::toBeast(Response res, unsigned version, bool head, const std::string& requestId) const {
  BeastResponse out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "jinfu");
  if (options.clock) out.set(bhttp::field::date, httpDate(options.clock->now()));
  out.set(bhttp::field::content_type, res.contentType);
  out.set("X-Request-Id", requestId);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "strict-origin-when-cross-origin");
  out.set("Content-Security-Policy", kContentSecurityPolicy);
  bool hasCacheControl = false;
  for (auto& [name, value] : res.headers) {
    if (beast::iequals(name, "Cache-Control")) hasCacheControl = true;
    out.set(name, value);
  }
  if (!hasCacheControl) out.set(bhttp::field::cache_control, "no-store");
  auto size = res.body.size();
  if (!head) out.body() = std::move(res.body);
  out.content_length(size);
  return out;
}

}  // namespace jinfu::http
