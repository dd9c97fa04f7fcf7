#include "platform/notify/notifications.hpp"

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::notify {

void NotificationStore::send(soci::session& tx, const std::vector<int64_t>& userIds, const Message& m,
                             const std::string& now) {
  if (userIds.empty()) return;
  long long user = 0;
  soci::statement st = (tx.prepare << "INSERT INTO notifications (user_id, kind, title, body, link, created_at) "
                                      "VALUES (:u, :k, :t, :b, :l, :c)",
                        soci::use(user), soci::use(m.kind), soci::use(m.title), soci::use(m.body), soci::use(m.link),
                        soci::use(now));
  for (int64_t id : userIds) {
    user = id;
    st.execute(true);
  }
}

void NotificationStore::sendToOrganisation(soci::session& tx, int64_t organisationId, const Message& m,
                                           const std::string& now) {
  long long org = organisationId;
  tx << "INSERT INTO notifications (user_id, kind, title, body, link, created_at) "
        "SELECT id, :k, :t, :b, :l, :c FROM users WHERE disabled = 0 AND organisation_id = :o",
      soci::use(m.kind), soci::use(m.title), soci::use(m.body), soci::use(m.link), soci::use(now), soci::use(org);
}

Page<StoredMessage> NotificationStore::list(int64_t userId, bool unreadOnly, Paging paging) {
  Page<StoredMessage> out;
  out.paging = paging;
  auto conn = db_.lease();
  db::Query c("SELECT COUNT(*) AS n FROM notifications WHERE user_id = ");
  c.param(userId);
  if (unreadOnly) c << " AND read_at IS NULL";
  for (const auto& r : c.rows(*conn)) out.total = db::Row(r).i64("n");
  db::Query q("SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = ");
  q.param(userId);
  if (unreadOnly) q << " AND read_at IS NULL";
  q << " ORDER BY id DESC LIMIT ";
  q.param(paging.pageSize);
  q << " OFFSET ";
  q.param(static_cast<long long>(paging.offset()));
  for (const auto& r : q.rows(*conn)) {
    auto& n = out.items.emplace_back();
    db::Row(r).into(n.id, n.message.kind, n.message.title, n.message.body, n.message.link, n.createdAt, n.readAt);
  }
  return out;
}

int64_t NotificationStore::unread(int64_t userId) {
  auto conn = db_.lease();
  db::Query q("SELECT COUNT(*) AS n FROM notifications WHERE read_at IS NULL AND user_id = ");
  q.param(userId);
  for (const auto& r : q.rows(*conn)) return db::Row(r).i64("n");
  return 0;
}

bool NotificationStore::markRead(int64_t userId, int64_t id, const std::string& now) {
  return db_.transaction([&](soci::session& tx) {
    long long u = userId, n = id;
    int found = 0;
    tx << "SELECT COUNT(*) FROM notifications WHERE id = :n AND user_id = :u", soci::use(n), soci::use(u),
        soci::into(found);
    if (found == 0) return false;
    tx << "UPDATE notifications SET read_at = :t WHERE id = :n AND user_id = :u AND read_at IS NULL", soci::use(now),
        soci::use(n), soci::use(u);
    return true;
  });
}

int64_t NotificationStore::markAllRead(int64_t userId, const std::string& now) {
  return db_.transaction([&](soci::session& tx) {
    long long u = userId;
    soci::statement st = (tx.prepare << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL",
                          soci::use(now), soci::use(u));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

}  // namespace jinfu::notify
