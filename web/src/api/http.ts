/**
 * Thin fetch wrapper for the jinfu JSON API.
 *
 * The server reports failures as RFC 9457 problem details
 * (`application/problem+json`); callers get them as an {@link ApiError} so
 * views can show the server's own (Chinese) title and detail instead of a
 * generic message.
 */

export const API_PREFIX = '/api/v1'

export interface ProblemFieldError {
  field: string
  message: string
}

export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  code?: string
  errors?: ProblemFieldError[]
}

export class ApiError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title)
    this.name = 'ApiError'
    this.problem = problem
  }

  get status(): number {
    return this.problem.status
  }
}

export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  let url = API_PREFIX + path
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.append(key, String(value))
    }
    const qs = params.toString()
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }
  return url
}

function isJson(contentType: string | null): boolean {
  // Covers application/json and application/problem+json (with or without charset).
  return !!contentType && /^application\/([\w.-]+\+)?json\b/i.test(contentType)
}

async function toProblem(res: Response): Promise<Problem> {
  const fallback: Problem = {
    title: `请求失败（HTTP ${res.status}）`,
    status: res.status,
  }
  if (!isJson(res.headers.get('Content-Type'))) return fallback
  try {
    const body = (await res.json()) as Partial<Problem> | null
    if (!body || typeof body !== 'object') return fallback
    return {
      ...body,
      title: typeof body.title === 'string' && body.title ? body.title : fallback.title,
      status: typeof body.status === 'number' ? body.status : res.status,
    }
  } catch {
    return fallback
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': 'zh-CN',
  }
  const init: RequestInit = { method, headers, signal: options.signal }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), init)
  } catch (err) {
    // Let callers tell a cancelled request apart from a failed one.
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError({ title: '网络异常，无法连接服务器', status: 0, detail: (err as Error)?.message })
  }

  if (!res.ok) throw new ApiError(await toProblem(res))
  if (res.status === 204 || !isJson(res.headers.get('Content-Type'))) return undefined as T
  return (await res.json()) as T
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
}

/** Turns whatever a request threw into something an `el-alert` can show. */
export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem
  return { title: '请求失败', status: 0, detail: err instanceof Error ? err.message : String(err) }
}
