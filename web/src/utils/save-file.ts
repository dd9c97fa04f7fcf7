import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { problemOf, type Download } from '@/api/http'

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

/**
 * An export or download button: `run(fetchFile)` sets `busy` while the file is fetched, saves it,
 * and shows the server's reason (the detail, else the first field error) when it is refused.
 */
export function useDownload() {
  const busy = ref(false)
  async function run(fetchFile: () => Promise<Download>): Promise<void> {
    busy.value = true
    try {
      saveDownload(await fetchFile())
    } catch (err) {
      const p = problemOf(err)
      const reason = p.detail || p.errors?.find((e) => e?.message)?.message
      ElMessage.error(reason ? `${p.title}：${reason}` : p.title)
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
