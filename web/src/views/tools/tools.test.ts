// 工作日计算 and 信用代码校验: what the user types goes to the server, and the answer is shown in
// Chinese (the day kind from the dictionary).
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { stubApi } from '@/test/fixtures'
import CalendarPage from './calendar/index.vue'
import UsccPage from './uscc/index.vue'

describe('工作日计算', { timeout: 30_000 }, () => {
  it('asks GET /calendar/{date}?addWorkdays= and names the day kind and holiday', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/calendar/2026-10-01': { date: '2026-10-01', workday: false, kind: 'holiday', name: '国庆节', inSchedule: true, addWorkdays: 3, result: '2026-10-12' },
    })
    const w = mount(CalendarPage, { attachTo: document.body })
    ;(w.vm as unknown as { date: string }).date = '2026-10-01'
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/calendar/2026-10-01?addWorkdays=3')
    expect(w.find('[data-testid="calendar-kind"]').text()).toBe('法定节假日')
    expect(w.find('[data-testid="calendar-result"]').text()).toContain('国庆节')
    expect(w.find('[data-testid="calendar-result-date"]').text()).toBe('2026-10-12')
  })

  it('shows the server’s problem when the date cannot be computed', async () => {
    stubApi({
      'GET /api/v1/calendar/2026-10-01': () =>
        new Response(JSON.stringify({ title: '请求参数有误', status: 400, detail: '推算结果超出公历 1–9999 年。' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    })
    const w = mount(CalendarPage, { attachTo: document.body })
    ;(w.vm as unknown as { date: string }).date = '2026-10-01'
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('推算结果超出公历 1–9999 年。')
    expect(w.find('[data-testid="calendar-result"]').exists()).toBe(false)
  })
})

describe('信用代码校验', { timeout: 30_000 }, () => {
  it('posts the pasted codes without blank lines and counts valid and invalid ones', async () => {
    const fetchMock = stubApi({
      'POST /api/v1/uscc/validate': {
        results: [
          { input: '914403001922038216', code: '914403001922038216', valid: true, reason: null },
          { input: '91350100M000100Y4Y', code: '91350100M000100Y4Y', valid: false, reason: '第18位校验码应为 Z' },
        ],
      },
    })
    const w = mount(UsccPage, { attachTo: document.body })
    await w.find('textarea').setValue(' 914403001922038216 \n\n91350100M000100Y4Y\n')
    expect(w.text()).toContain('已输入 2 条')
    await w.find('form').trigger('submit')
    await flushPromises()
    const [, init] = fetchMock.mock.calls[0]
    expect(JSON.parse(String((init as RequestInit).body))).toEqual({ codes: ['914403001922038216', '91350100M000100Y4Y'] })
    expect(w.find('[data-testid="uscc-summary"]').text().replace(/\s+/g, '')).toBe('共2条，合法1条，不合法1条')
    expect(w.findAll('[data-testid="uscc-verdict"]').map((t) => t.text())).toEqual(['合法', '不合法'])
    expect(w.find('[data-testid="uscc-results"]').text()).toContain('第18位校验码应为 Z')
  })

  it('asks for at least one code instead of calling the server with none', async () => {
    const fetchMock = stubApi({})
    const w = mount(UsccPage, { attachTo: document.body })
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(fetchMock).not.toHaveBeenCalled()
    // The hint is the error of the input's form item (shown under it).
    expect(w.find('.el-form-item.is-error').exists()).toBe(true)
  })
})
