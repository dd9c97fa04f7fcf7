import type { Download } from '@/api/http'

/**
 * Hands a fetched file to the browser as a download. Files are fetched (rather
 * than opened through a plain link) so the session cookie goes along and errors
 * (403, 422, 401) are shown instead of being saved as a file.
 */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
