#pragma once
// 站内信: the in-app messages of every role — a bank told a deadline has passed, an enterprise told
// its application moved. Messages go to users (an organisation's message is one per active user,
// so each reads it on their own); the store alone speaks SQL; the routes list, count and mark read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/page.hpp"
#include "platform/fwd.hpp"

namespace jinfu::notify {

struct Message {
  std::string kind;   // finance.overdue, finance.application, …
  std::string title;  // short, Chinese
  std::string body;
  std::string link;   // the page that shows the matter, e.g. /finance/applications/12
};

struct StoredMessage {
  int64_t id = 0;
  Message message;
  std::string createdAt;
  std::optional<std::string> readAt;
};

class NotificationStore {
 public:
  explicit NotificationStore(db::Database& db) : db_(db) {}

  // Inside the caller's transaction: the message reaches the users with the matter it reports.
  void send(soci::session& tx, const std::vector<int64_t>& userIds, const Message& m, const std::string& now);
  // Every active user of the organisation.
  void sendToOrganisation(soci::session& tx, int64_t organisationId, const Message& m, const std::string& now);

  Page<StoredMessage> list(int64_t userId, bool unreadOnly, Paging paging);
  int64_t unread(int64_t userId);
  bool markRead(int64_t userId, int64_t id, const std::string& now);  // false: not the user's message
  int64_t markAllRead(int64_t userId, const std::string& now);

 private:
  db::Database& db_;
};

// The caller's own messages over HTTP (notification_routes.cpp).
void addRoutes(http::Router& router, NotificationStore& store, const Clock& clock);

}  // namespace jinfu::notify
