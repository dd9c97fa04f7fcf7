import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useUserStore } from '@/stores/user'
import { meFor } from '@/test/fixtures'
import HomePage from './index.vue'

beforeEach(() => setActivePinia(createPinia()))

function respond(body: unknown, status = 200, contentType = 'application/json') {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } }))
}

describe('首页', () => {
  it('mentions 工具箱 only to those whose menu has it', async () => {
    vi.stubGlobal('fetch', respond({ enterprises: 1, banks: 2, parks: 3 }))
    const textFor = async (role: string) => {
      setActivePinia(createPinia())
      useUserStore().set(meFor(role))
      const wrapper = mount(HomePage)
      await flushPromises()
      return wrapper.text()
    }
    expect(await textFor('gov-viewer')).toContain('工具箱')
    expect(await textFor('enterprise-staff')).not.toContain('工具箱')
    expect(await textFor('bank-officer')).not.toContain('工具箱')
  })

  it('shows the three counts from GET /api/v1/summary', async () => {
    const fetchMock = respond({ enterprises: 1200, banks: 13, parks: 5 })
    vi.stubGlobal('fetch', fetchMock)

    const wrapper = mount(HomePage)
    await flushPromises()

    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0]).toMatchObject(['/api/v1/summary', { method: 'GET' }])
    expect(wrapper.get('[data-testid="summary-enterprises"]').text()).toBe('1,200')
    expect(wrapper.get('[data-testid="summary-banks"]').text()).toBe('13')
    expect(wrapper.get('[data-testid="summary-parks"]').text()).toBe('5')
    const text = wrapper.text()
    for (const part of ['市场主体', '合作银行', '双创载体']) expect(text).toContain(part)
    expect(wrapper.find('[data-testid="summary-error"]').exists()).toBe(false)
  })

  it('shows a loading placeholder until the counts arrive', async () => {
    let release!: (r: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = resolve))))

    const wrapper = mount(HomePage)
    await flushPromises()
    expect(wrapper.find('.el-skeleton').exists()).toBe(true)
    expect(wrapper.find('[data-testid="summary-banks"]').exists()).toBe(false)

    release(new Response(JSON.stringify({ enterprises: 1, banks: 2, parks: 3 }), {
      headers: { 'Content-Type': 'application/json' },
    }))
    await flushPromises()
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.get('[data-testid="summary-banks"]').text()).toBe('2')
  })

  it("shows the server's problem title and detail when the request fails", async () => {
    vi.stubGlobal(
      'fetch',
      respond(
        { type: 'about:blank', title: '数据库不可用', status: 503, detail: '请稍后重试', code: 'DB_UNAVAILABLE' },
        503,
        'application/problem+json',
      ),
    )

    const wrapper = mount(HomePage)
    await flushPromises()

    const alert = wrapper.get('[data-testid="summary-error"]')
    expect(alert.text()).toContain('数据库不可用')
    expect(alert.text()).toContain('请稍后重试')
    expect(wrapper.get('[data-testid="summary-enterprises"]').text()).toBe('-')
  })

  it('retries after a failure', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ title: '服务暂不可用', status: 503 }), {
          status: 503,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      )
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ enterprises: 200, banks: 13, parks: 5 }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      )
    vi.stubGlobal('fetch', fetchMock)

    const wrapper = mount(HomePage)
    await flushPromises()
    await wrapper.get('[data-testid="summary-error"] button').trigger('click')
    await flushPromises()

    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="summary-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="summary-enterprises"]').text()).toBe('200')
  })
})
