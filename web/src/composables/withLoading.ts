import type { Ref } from 'vue'
import { problemOf, type Problem } from '@/api/http'

/**
 * A page's load in one place: `loading` set while `task` runs and `problem` cleared before it; a
 * failure goes to `problem` (after `onError`, e.g. to drop what is no longer true), a request
 * aborted by a newer one is ignored. Resolves true when the task worked.
 */
export async function withLoading(
  loading: Ref<boolean>,
  problem: Ref<Problem | null>,
  task: () => Promise<unknown>,
  onError?: () => void,
): Promise<boolean> {
  loading.value = true
  problem.value = null
  try {
    await task()
    return true
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') return false
    onError?.()
    problem.value = problemOf(err)
    return false
  } finally {
    loading.value = false
  }
}

/**
 * Requests of which only the newest counts: `next()` aborts the one under way and gives the new
 * one's signal (its answer then ignored by withLoading); `abort()` stops the one under way.
 */
export function newestRequest() {
  let controller: AbortController | null = null
  return {
    next(): AbortSignal {
      controller?.abort()
      controller = new AbortController()
      return controller.signal
    },
    abort: () => controller?.abort(),
  }
}
