import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router/routes'
import { installAuthGuard } from '@/router/guard'
import { meFor, stubApi } from '@/test/fixtures'
import App from '@/App.vue'

async function mountAs(role: string, path: string, extra: Record<string, unknown> = {}) {
  const fetchMock = stubApi({
    'GET /api/v1/auth/me': meFor(role),
    'GET /api/v1/summary': { enterprises: 1, banks: 2, parks: 3 },
    ...extra,
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  installAuthGuard(router)
  await router.push(path)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(wrapper.find('.app-main').exists()).toBe(true))
  await flushPromises()
  return { wrapper, router, fetchMock }
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('layout', () => {
  it("shows the user's name and organisation in the header and only the permitted menu", async () => {
    const { wrapper } = await mountAs('enterprise-staff', '/')
    expect(wrapper.get('[data-testid="user-display-name"]').text()).toBe('演示enterprise-staff')
    expect(wrapper.get('[data-testid="user-org-name"]').text()).toBe('焦作市天宝桓祥科技有限公司')
    const sidebar = wrapper.get('.sidebar').text()
    expect(sidebar).toContain('首页')
    expect(sidebar).toContain('我的企业档案')
    // Back-office pages are not an enterprise's: no 企业查询, 数据目录 or 工具箱.
    expect(sidebar).not.toContain('企业查询')
    expect(sidebar).not.toContain('数据归集')
    expect(sidebar).not.toContain('工具箱')
    expect(sidebar).not.toContain('系统管理')
  })

  it('shows the 403 page in place of a page the user may not open, without loading it', async () => {
    const { wrapper, router, fetchMock } = await mountAs('enterprise-staff', '/system/audit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="forbidden"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('抱歉，您无权访问此页面')
    expect(router.currentRoute.value.path).toBe('/system/audit')
    expect(fetchMock.mock.calls.map(([u]) => String(u))).not.toContain('/api/v1/audit?page=1&pageSize=20')
  })

  it('opens the page for a user holding its permission', async () => {
    const { wrapper } = await mountAs('gov-admin', '/system/audit', {
      'GET /api/v1/audit': { items: [], total: 0, page: 1, pageSize: 20 },
      'GET /api/v1/organisations': { items: [], total: 0, page: 1, pageSize: 100 },
    })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="audit-table"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="forbidden"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="audit-export"]').exists()).toBe(true)
    expect(wrapper.get('.sidebar').text()).toContain('工具箱')
    // The first visit transforms the lazily imported page and its Element Plus
    // components; on a busy machine that alone can approach the 5 s default.
  }, 30_000)

  it('on a phone the menu is a drawer: closed over the page, opened by the hamburger, closed by the mask or a choice', async () => {
    // A 390 px window: the media query of a phone matches.
    const phone = vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({ matches: query.includes('max-width'), media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
    )
    try {
      const { wrapper, router } = await mountAs('enterprise-staff', '/')
      const shell = () => wrapper.get('.app-wrapper').classes()
      expect(shell()).toContain('is-mobile')
      expect(shell()).not.toContain('drawer-open')
      expect(wrapper.find('[data-testid="drawer-mask"]').exists()).toBe(false)

      await wrapper.get('[data-testid="menu-toggle"]').trigger('click')
      expect(shell()).toContain('drawer-open')
      await wrapper.get('[data-testid="drawer-mask"]').trigger('click')
      expect(shell()).not.toContain('drawer-open')

      await wrapper.get('[data-testid="menu-toggle"]').trigger('click')
      await router.push('/tools/calendar')
      await flushPromises()
      expect(shell(), 'choosing a page closes the drawer').not.toContain('drawer-open')
    } finally {
      phone.mockRestore()
    }
  }, 30_000)
})
