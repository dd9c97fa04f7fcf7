import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { http, setCsrfToken, setUnauthorizedHandler } from '@/api/http'
import { useUserStore } from '@/stores/user'
import { json, meFor, stubApi } from '@/test/fixtures'
import { installAuthGuard, safeRedirect } from './guard'
import { routes } from './routes'

function makeRouter(): Router {
  const router = createRouter({ history: createMemoryHistory(), routes })
  installAuthGuard(router)
  return router
}

const UNAUTHENTICATED = json({ title: '未登录', status: 401, code: 'unauthenticated', detail: '请先登录' }, 401)

beforeEach(() => {
  setActivePinia(createPinia())
})

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
  setUnauthorizedHandler(null)
})

describe('login guard', () => {
  it('sends a visitor without a session to /login, remembering the page', async () => {
    stubApi({ 'GET /api/v1/auth/me': () => UNAUTHENTICATED })
    const router = makeRouter()
    await router.push('/system/user?q=x')
    expect(router.currentRoute.value.name).toBe('Login')
    expect(router.currentRoute.value.query.redirect).toBe('/system/user?q=x')
  })

  it('requires a login for 首页 too, without a redirect parameter', async () => {
    stubApi({ 'GET /api/v1/auth/me': () => UNAUTHENTICATED })
    const router = makeRouter()
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/login')
  })

  it('lets anyone see the login and 404 pages', async () => {
    stubApi({ 'GET /api/v1/auth/me': () => UNAUTHENTICATED })
    const router = makeRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('NotFound')
  })

  it('loads me once, keeps the CSRF token and lets a logged-in user in', async () => {
    const fetchMock = stubApi({ 'GET /api/v1/auth/me': meFor('gov-admin', 'csrf-abc') })
    const router = makeRouter()
    await router.push('/system/audit')
    await router.push('/')
    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(useUserStore().can('audit.read')).toBe(true)

    const post = stubApi({ 'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }) })
    await http.post('/auth/logout')
    expect((post.mock.calls[0][1] as RequestInit).headers).toMatchObject({ 'X-CSRF-Token': 'csrf-abc' })
  })

  it('sends a logged-in user away from /login to where they wanted to go', async () => {
    stubApi({ 'GET /api/v1/auth/me': meFor('gov-admin') })
    const router = makeRouter()
    await router.push('/login?redirect=/tools/uscc')
    expect(router.currentRoute.value.fullPath).toBe('/tools/uscc')
  })

  it('goes to /login?redirect=<current page> when any API call answers 401', async () => {
    stubApi({ 'GET /api/v1/auth/me': meFor('platform-admin') })
    const router = makeRouter()
    await router.push('/system/org?kind=bank')
    expect(useUserStore().loggedIn).toBe(true)

    stubApi({ 'GET /api/v1/organisations': () => UNAUTHENTICATED })
    await expect(http.get('/organisations')).rejects.toThrow()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('Login'))
    expect(router.currentRoute.value.query.redirect).toBe('/system/org?kind=bank')
    expect(useUserStore().loggedIn).toBe(false)
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/system/user?q=1', '/system/user?q=1'],
    [undefined, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?redirect=/x', '/'],
    [['/tools/uscc', '/x'], '/tools/uscc'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirect(input as string | string[] | undefined)).toBe(expected)
  })
})
