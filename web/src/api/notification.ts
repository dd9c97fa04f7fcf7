/**
 * 站内信: the user's messages and the unread count.
 * Contract: docs/finance-api.md. Money is integer fen (`…Fen`), rates basis points (`…Bp`), times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'

const enc = encodeURIComponent
type Query = Record<string, QueryValue>

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  /** The page that shows the matter, e.g. /finance/applications/12 */
  link: string
  createdAt: string
  readAt: string | null
}


// --- 站内信 -----------------------------------------------------------------------------

export const listNotifications = (query: { page?: number; pageSize?: number; unread?: boolean } = {}, signal?: AbortSignal) =>
  http.get<Page<Notification> & { unread: number }>('/notifications', { query: query as Query, signal })
export async function unreadCount(signal?: AbortSignal): Promise<number> {
  const res = await http.get<{ unread: number }>('/notifications/unread-count', { signal })
  return res?.unread ?? 0
}
export const markRead = (id: number) => http.post<{ unread: number }>(`/notifications/${enc(id)}/read`)
export const markAllRead = () => http.post<{ marked: number; unread: number }>('/notifications/read-all')
