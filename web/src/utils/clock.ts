/**
 * The server's clock, as the pages use it.
 *
 * Deadlines, consents and reports are decided by the server's calendar, not the browser's: a
 * user's PC may be off by days, and a demo or test server runs on a clock pinned to the day its
 * data describes. Every response carries the server's `Date` header; the offset between it and
 * the browser's clock is kept here, and "now" and "today" on a page come from this module only.
 */

let offsetMs = 0

/** Records the server's `Date` header (RFC 9110 IMF-fixdate) of a response just received. */
export function noteServerDate(header: string | null | undefined, receivedAt: number = Date.now()): void {
  if (!header) return
  const server = Date.parse(header)
  if (Number.isNaN(server)) return
  // The header has whole seconds: keep the browser's own clock when it is within one of it.
  const offset = server - receivedAt
  offsetMs = Math.abs(offset) < 1_000 ? 0 : offset
}

/** Now by the server's clock, in milliseconds since the epoch. */
export function serverNow(): number {
  return Date.now() + offsetMs
}

/** The calendar date in Asia/Shanghai (the platform's one time zone) at `now`, YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date(serverNow())): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** YYYY-MM-DD in Asia/Shanghai, `days` after the server's today. */
export function shanghaiDatePlus(days: number): string {
  return todayInShanghai(new Date(serverNow() + days * 86_400_000))
}
