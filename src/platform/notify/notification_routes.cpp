// 站内信 over HTTP: a table of named handlers, each on the caller's own messages.
#include <memory>

#include <nlohmann/json.hpp>

#include "platform/auth/permissions.hpp"
#include "platform/json.hpp"
#include "platform/clock.hpp"
#include "platform/errors.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "platform/notify/notifications.hpp"

namespace jinfu::notify {
namespace {

using http::Request;
using http::Response;

struct Http {
  NotificationStore& store;
  const Clock& clock;
  std::string now() const { return rfc3339Shanghai(clock.now()); }
};

nlohmann::json toJson(const StoredMessage& m) {
  return {{"id", m.id},
          {"kind", m.message.kind},
          {"title", m.message.title},
          {"body", m.message.body},
          {"link", m.message.link},
          {"createdAt", m.createdAt},
          {"readAt", orNull(m.readAt)}};
}

Response unreadCount(Http& h, Request& req) {
  return Response::json({{"unread", h.store.unread(req.caller().userId)}});
}

Response list(Http& h, Request& req) {
  http::QueryReader q(req);
  bool unreadOnly = q.boolean("unread").value_or(false);
  q.check();
  auto out = http::pageJson(h.store.list(req.caller().userId, unreadOnly, req.paging()), toJson);
  out["unread"] = h.store.unread(req.caller().userId);
  return Response::json(out);
}

Response markRead(Http& h, Request& req) {
  if (!h.store.markRead(req.caller().userId, req.intParam("id"), h.now()))
    throw ApiError::notFound({"没有这条站内信。", "No such message."});
  return unreadCount(h, req);
}

Response markAllRead(Http& h, Request& req) {
  auto n = h.store.markAllRead(req.caller().userId, h.now());
  return Response::json({{"marked", n}, {"unread", 0}});
}

}  // namespace

void addRoutes(http::Router& router, NotificationStore& store, const Clock& clock) {
  using auth::perm::kSelf;
  http::addRoutes<Http>(router, std::make_shared<Http>(Http{store, clock}), {
      {"GET", "/api/v1/notifications", kSelf, "站内信列表（本人的；unread=true 只看未读）", list},
      {"GET", "/api/v1/notifications/unread-count", kSelf, "未读站内信数量", unreadCount},
      {"POST", "/api/v1/notifications/{id:int}/read", kSelf, "标记一条站内信为已读", markRead},
      {"POST", "/api/v1/notifications/read-all", kSelf, "全部站内信标记为已读", markAllRead},
  });
}

}  // namespace jinfu::notify
