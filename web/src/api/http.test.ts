import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, http, problemOf } from './http'

function jsonResponse(body: unknown, status = 200, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response
    return response
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('http', () => {
  it('GETs JSON under /api/v1 with a Chinese Accept-Language and query string', async () => {
    const fetchMock = stubFetch(jsonResponse({ ok: true }))
    await expect(http.get('/calendar/2026-10-01', { query: { addWorkdays: 3, skip: undefined } })).resolves.toEqual({
      ok: true,
    })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/calendar/2026-10-01?addWorkdays=3')
    expect(init.method).toBe('GET')
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('zh-CN')
    expect(init.body).toBeUndefined()
  })

  it('POSTs a JSON body', async () => {
    const fetchMock = stubFetch(jsonResponse({ results: [] }))
    await http.post('/uscc/validate', { codes: ['X'] })
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body as string)).toEqual({ codes: ['X'] })
  })

  it('throws an ApiError carrying the problem+json body on non-2xx', async () => {
    const problem = {
      type: 'https://jinfu.example/problems/validation',
      title: '请求参数不合法',
      status: 422,
      detail: 'codes 不能为空',
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'codes', message: '至少提供一个代码' }],
    }
    stubFetch(jsonResponse(problem, 422, 'application/problem+json; charset=utf-8'))
    const err = await http.post('/uscc/validate', { codes: [] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(422)
    expect((err as ApiError).problem).toEqual(problem)
    expect((err as ApiError).message).toBe('请求参数不合法：codes 不能为空')
  })

  it('falls back to a generic problem when the error body is not JSON', async () => {
    stubFetch(new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))
    const err = await http.get('/summary').catch((e: unknown) => e)
    expect(problemOf(err)).toEqual({ title: '请求失败（HTTP 502）', status: 502 })
  })

  it('reports network failures as status 0', async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const err = await http.get('/summary').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(problemOf(err)).toMatchObject({ status: 0, title: '网络异常，无法连接服务器', detail: 'Failed to fetch' })
  })

  it('returns undefined for 204 No Content', async () => {
    stubFetch(new Response(null, { status: 204 }))
    await expect(http.post('/anything')).resolves.toBeUndefined()
  })
})
