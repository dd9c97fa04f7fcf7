import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  download,
  fieldErrorsOf,
  http,
  problemOf,
  setCsrfToken,
  setUnauthorizedHandler,
  type Problem,
} from './http'

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
  setCsrfToken(null)
  setUnauthorizedHandler(null)
})

function headersOf(fetchMock: ReturnType<typeof stubFetch>, call = 0): Record<string, string> {
  return (fetchMock.mock.calls[call] as unknown as [string, RequestInit])[1].headers as Record<string, string>
}

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

  it('POSTs a Blob body as is, as application/octet-stream, with the CSRF token', async () => {
    setCsrfToken('tok-file')
    const fetchMock = stubFetch(jsonResponse({ ok: true }, 201))
    const file = new File(['a,b\n1,2\n'], '报表.csv', { type: 'text/csv' })
    await http.post('/collect/batches', file, { query: { category: 'tax' } })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/collect/batches?category=tax')
    expect(init.body).toBe(file)
    expect(headersOf(fetchMock)['Content-Type']).toBe('application/octet-stream')
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('tok-file')
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

describe('http session handling', () => {
  it('sends cookies same-origin only', async () => {
    const fetchMock = stubFetch(jsonResponse({}))
    await http.get('/auth/me')
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.credentials).toBe('same-origin')
  })

  it.each(['post', 'put', 'patch', 'delete'] as const)('sends X-CSRF-Token on %s', async (method) => {
    setCsrfToken('tok-123')
    const fetchMock = stubFetch(new Response(null, { status: 204 }))
    if (method === 'delete') await http.delete('/tokens/1')
    else await http[method]('/users/1', { displayName: 'x' })
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.method).toBe(method.toUpperCase())
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('tok-123')
  })

  it('does not send the CSRF token on GET, nor any token before one is known', async () => {
    setCsrfToken('tok-123')
    const fetchMock = stubFetch(jsonResponse({}))
    await http.get('/users')
    expect(headersOf(fetchMock)).not.toHaveProperty('X-CSRF-Token')

    setCsrfToken(null)
    const postMock = stubFetch(jsonResponse({}))
    await http.post('/auth/login', { username: 'a', password: 'b' })
    expect(headersOf(postMock)).not.toHaveProperty('X-CSRF-Token')
  })

  it('uses the latest token after it changes (e.g. after a password change)', async () => {
    setCsrfToken('old')
    setCsrfToken('new')
    const fetchMock = stubFetch(new Response(null, { status: 204 }))
    await http.post('/auth/logout')
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('new')
  })

  it('calls the unauthorized handler on a 401 and still rejects', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    const problem = { title: '未登录', status: 401, code: 'unauthenticated', detail: '请先登录' }
    stubFetch(jsonResponse(problem, 401, 'application/problem+json'))
    const err = await http.get('/users').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect((onUnauthorized.mock.calls[0] as [Problem])[0]).toMatchObject({ code: 'unauthenticated' })
  })

  it('leaves 401s about typed credentials and opted-out calls alone', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    for (const code of ['invalid_credentials', 'account_locked']) {
      stubFetch(jsonResponse({ title: '登录失败', status: 401, code }, 401, 'application/problem+json'))
      await expect(http.put('/auth/password', {})).rejects.toBeInstanceOf(ApiError)
    }
    stubFetch(jsonResponse({ title: '未登录', status: 401, code: 'unauthenticated' }, 401, 'application/problem+json'))
    await expect(http.get('/auth/me', { authRedirect: false })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not treat 403 as a lost session', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    stubFetch(jsonResponse({ title: '无权访问', status: 403, code: 'forbidden' }, 403, 'application/problem+json'))
    await expect(http.get('/audit')).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('download', () => {
  it('returns the body as a blob with the file name from Content-Disposition', async () => {
    const fetchMock = stubFetch(
      new Response('PK', {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': 'attachment; filename="audit-20260301.xlsx"',
        },
      }),
    )
    const file = await download('/audit/export', { query: { outcome: 'denied', from: '2026-03-01', user: undefined } })
    expect(file.filename).toBe('audit-20260301.xlsx')
    expect(await file.blob.text()).toBe('PK')
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/audit/export?outcome=denied&from=2026-03-01')
  })
})

describe('fieldErrorsOf', () => {
  it('maps errors[] to field → first message', () => {
    const err = new ApiError({
      title: '请求参数不合法',
      status: 422,
      errors: [
        { field: 'newPassword', message: '密码过于简单' },
        { field: 'newPassword', message: '第二条' },
        { field: 'username', message: '用户名已存在' },
        { field: 'roles[0]', message: '角色“客户经理”不适用于该类型的机构。' },
      ],
    })
    expect(fieldErrorsOf(err)).toEqual({
      newPassword: '密码过于简单',
      username: '用户名已存在',
      'roles[0]': '角色“客户经理”不适用于该类型的机构。',
      roles: '角色“客户经理”不适用于该类型的机构。',
    })
    expect(fieldErrorsOf(new Error('x'))).toEqual({})
  })
})
