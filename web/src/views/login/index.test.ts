import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { getCsrfToken } from '@/api/http'
import { useUserStore } from '@/stores/user'
import { json, meFor, stubApi } from '@/test/fixtures'
import LoginPage from './index.vue'

function makeRouter() {
  const stub = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'Login', component: LoginPage },
      { path: '/', component: stub },
      { path: '/system/user', component: stub },
    ],
  })
}

async function mountAt(path: string) {
  const router = makeRouter()
  await router.push(path)
  const wrapper = mount(LoginPage, { global: { plugins: [router] }, attachTo: document.body })
  return { wrapper, router }
}

async function fillAndSubmit(wrapper: ReturnType<typeof mount>, username: string, password: string) {
  await wrapper.get('input[data-testid="login-username"]').setValue(username)
  await wrapper.get('input[data-testid="login-password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('登录', () => {
  it('shows the platform title', async () => {
    const { wrapper } = await mountAt('/login')
    expect(wrapper.get('h1').text()).toBe('企业融资公共服务平台')
  })

  it("shows the problem's detail for wrong credentials and stays on the page", async () => {
    const fetchMock = stubApi({
      'POST /api/v1/auth/login': () =>
        json({ title: '登录失败', status: 401, code: 'invalid_credentials', detail: '用户名或密码错误' }, 401),
    })
    const { wrapper, router } = await mountAt('/login')
    await fillAndSubmit(wrapper, 'demo-gov-admin', 'wrong')

    expect(JSON.parse(String((fetchMock.mock.calls[0][1] as RequestInit).body))).toEqual({
      username: 'demo-gov-admin',
      password: 'wrong',
    })
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('用户名或密码错误')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(useUserStore().loggedIn).toBe(false)
  })

  it.each([
    ['account_locked', 401, '账户已锁定，请 15 分钟后再试'],
    ['too_many_attempts', 429, '请求过于频繁，请稍后再试'],
  ])('shows %s as the server words it', async (code, status, detail) => {
    stubApi({ 'POST /api/v1/auth/login': () => json({ title: '登录失败', status, code, detail }, status) })
    const { wrapper } = await mountAt('/login')
    await fillAndSubmit(wrapper, 'someone', 'whatever')
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain(detail)
  })

  it('logs in, keeps the CSRF token and goes to the page from ?redirect', async () => {
    stubApi({ 'POST /api/v1/auth/login': meFor('gov-admin', 'csrf-after-login') })
    const { wrapper, router } = await mountAt('/login?redirect=/system/user')
    await fillAndSubmit(wrapper, 'demo-gov-admin', 'Jinfu-Demo-2026!')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/system/user'))
    expect(useUserStore().me?.user.username).toBe('demo-gov-admin')
    expect(getCsrfToken()).toBe('csrf-after-login')
  })

  it('goes to 首页 without (or with a foreign) redirect', async () => {
    stubApi({ 'POST /api/v1/auth/login': meFor('enterprise-staff') })
    const { wrapper, router } = await mountAt('/login?redirect=https://evil.example/')
    await fillAndSubmit(wrapper, 'demo-enterprise-staff', 'Jinfu-Demo-2026!')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/'))
  })
})
