/**
 * RuoYi's list page in one place: the search form's model (with page and pageSize), the rows of
 * the current page, the total for <Pagination>, the loading flag and the problem to show, and
 * getList / handleQuery (back to page 1) / resetQuery (the form as it started). A newer request
 * aborts the one under way, whose answer is then ignored.
 */
import { onMounted, reactive, ref, shallowRef, type Ref, type UnwrapRef } from 'vue'
import { problemOf, type Problem } from '@/api/http'

export interface PageOf<T> {
  items: T[]
  total: number
}

export interface Paging {
  page: number
  pageSize: number
}

/**
 * The search form as query parameters: text trimmed, and empty values (``, null) left out so
 * that they are not sent.
 */
export function cleanQuery<Q extends object>(query: Q): { [K in keyof Q]: Exclude<Q[K], '' | null> | undefined } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(query)) {
    const value = typeof v === 'string' ? v.trim() : v
    out[k] = value === '' || value === null ? undefined : value
  }
  return out as { [K in keyof Q]: Exclude<Q[K], '' | null> | undefined }
}

export interface ListOptions {
  /** Rows per page (10 unless said). */
  pageSize?: number
  /** Load the first page when the component mounts (default true). */
  immediate?: boolean
}

export function useList<F extends object, T>(
  form: F,
  fetch: (params: ReturnType<typeof cleanQuery<F & Paging>>, signal: AbortSignal) => Promise<PageOf<T>>,
  options: ListOptions = {},
) {
  const initial = { ...form }
  const query = reactive({ ...form, page: 1, pageSize: options.pageSize ?? 10 }) as UnwrapRef<F> & Paging
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)
  let controller: AbortController | null = null

  async function getList(): Promise<void> {
    controller?.abort()
    const mine = (controller = new AbortController())
    loading.value = true
    problem.value = null
    try {
      const res = await fetch(cleanQuery(query as F & Paging), mine.signal)
      if (mine !== controller) return
      rows.value = res.items
      total.value = res.total
    } catch (err) {
      if (mine !== controller || (err as Error)?.name === 'AbortError') return
      problem.value = problemOf(err)
    } finally {
      if (mine === controller) loading.value = false
    }
  }

  function handleQuery(): Promise<void> {
    query.page = 1
    return getList()
  }

  function resetQuery(): Promise<void> {
    Object.assign(query, initial)
    return handleQuery()
  }

  if (options.immediate !== false) onMounted(getList)

  return { query, rows, total, loading, problem, getList, handleQuery, resetQuery }
}
