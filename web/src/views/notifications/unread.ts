/**
 * The unread count of 站内信 shared by the navbar's bell and the 站内信 page: the page reports the
 * count the server answered after marking messages read, so the bell does not wait for its next poll.
 */
import { ref } from 'vue'

export const unread = ref<number | null>(null)

export function setUnread(count: number | null | undefined): void {
  if (typeof count === 'number' && Number.isFinite(count)) unread.value = Math.max(0, count)
}

/** The badge text: nothing for none, "99+" past 99. */
export function badgeText(count: number | null): string {
  if (!count) return ''
  return count > 99 ? '99+' : String(count)
}

/** Only same-site paths are followed from a message (its `link`). */
export function safeLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null
  return link
}
