/**
 * Thin fetch wrapper for the jinfu JSON API.
 *
 * The server reports failures as RFC 9457 problem details
 * (`application/problem+json`); callers get them as an {@link ApiError} so
 * views can show the server's own (Chinese) title and detail instead of a
 * generic message.
 */

import { noteServerDate } from '@/utils/clock'

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
  /**
   * Sent as JSON, except a `File`, sent as is (`application/octet-stream`), and a `Blob`, sent as
   * is with its own type.
   */
  body?: unknown
  signal?: AbortSignal
  /**
   * A 401 normally means "the session is gone" and sends the user to the login
   * page. Calls that expect a 401 as an answer (reading `/auth/me` at start-up,
   * the login form itself) turn that off.
   */
  authRedirect?: boolean
  /** RFC 7240 `Prefer` (e.g. `respond-async`: answer 202 with a job to follow). */
  prefer?: string
}

// --- session ---------------------------------------------------------------
//
// The session cookie is HttpOnly; what the page holds is the CSRF token that
// the server hands out with every `Me` response. It lives in memory only (never
// in storage): a reload fetches it again through GET /auth/me.

let csrfToken: string | null = null
let unauthorizedHandler: ((problem: Problem) => void) | null = null

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token || null
}

export function getCsrfToken(): string | null {
  return csrfToken
}

/** Installed once by the router: what to do when the server says the session is gone. */
export function setUnauthorizedHandler(handler: ((problem: Problem) => void) | null): void {
  unauthorizedHandler = handler
}

// A 401 with one of these codes is an answer about the credentials the user just
// typed (login form, "current password"), not a sign that the session expired.
const CREDENTIAL_CODES = new Set(['invalid_credentials', 'account_locked'])

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
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

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': 'zh-CN',
  }
  // Cookies go along for same-origin calls only; the API is never called cross-site.
  const init: RequestInit = { method, headers, signal: options.signal, credentials: 'same-origin' }
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (options.prefer) headers.Prefer = options.prefer
  if (options.body instanceof Blob) {
    // A file upload: the bytes go as they are (the server reads the format from the
    // query, not from the browser's guess at a MIME type). A Blob the page made itself
    // says what it holds (text/csv, application/json) and is sent as that type.
    headers['Content-Type'] =
      !(options.body instanceof File) && options.body.type ? options.body.type : 'application/octet-stream'
    init.body = options.body
  } else if (options.body !== undefined) {
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
  noteServerDate(res.headers.get('Date'))

  if (!res.ok) {
    const problem = await toProblem(res)
    if (
      res.status === 401 &&
      options.authRedirect !== false &&
      !CREDENTIAL_CODES.has(problem.code ?? '') &&
      unauthorizedHandler
    ) {
      unauthorizedHandler(problem)
    }
    throw new ApiError(problem)
  }
  return res
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options, 'application/json, application/problem+json')
  if (res.status === 204 || !isJson(res.headers.get('Content-Type'))) return undefined as T
  return (await res.json()) as T
}

export interface Download {
  blob: Blob
  /** From `Content-Disposition`, or the fallback name. */
  filename: string
}

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : fallback
}

/** GETs a file (e.g. an .xlsx export) with the same error and 401 handling as JSON calls. */
export async function download(path: string, options: Omit<RequestOptions, 'body'> = {}, fallbackName = 'download'): Promise<Download> {
  const res = await send('GET', path, options, '*/*')
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition'), fallbackName) }
}

type NoBody = Omit<RequestOptions, 'body'>

export const http = {
  get: <T>(path: string, options?: NoBody) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: NoBody) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: NoBody) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: NoBody) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: NoBody) => request<T>('DELETE', path, options),
}

/** The `{items, total, page, pageSize}` envelope every list endpoint returns. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/**
 * The field errors of a 422 as `{field: message}`, for `el-form-item :error`.
 * An indexed field (`roles[0]`) is also reported under its base name (`roles`),
 * which is what the form item is bound to.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const e of err.problem.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue
    out[e.field] ??= e.message
    const base = e.field.replace(/[[.].*$/, '')
    if (base) out[base] ??= e.message
  }
  return out
}

/** Turns whatever a request threw into something an `el-alert` can show. */
export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem
  return { title: '请求失败', status: 0, detail: err instanceof Error ? err.message : String(err) }
}
