// 归集时效 page: one row per provider and category with the frequency name from the dictionary, the
// late share as a percentage and the missing periods; 统计 asks again for the chosen date.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { TimelinessEntry } from '@/api/collect'
import { stubApi } from '@/test/fixtures'

// ECharts needs a canvas; the chart's option is checked as data.
import TimelinessPage from './index.vue'

const entry = (patch: Partial<TimelinessEntry>): TimelinessEntry => ({
  providerId: 4, providerName: '焦作市税务局', category: 'tax', categoryName: '纳税', frequency: 'monthly',
  facts: 200, late: 50, lateShare: 0.25, medianDelayWorkdays: 12, lastReceivedAt: '2026-11-20T10:00:00+08:00',
  missingPeriods: ['2026-09', '2026-10'], ...patch,
})

describe('归集时效', { timeout: 30_000 }, () => {
  it('shows each provider and category with frequency, late share and missing periods, and recounts for a date', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/collect/timeliness': {
        items: [
          entry({}),
          entry({ providerId: 6, providerName: '焦作市工信局', category: 'honour', categoryName: '资质荣誉', frequency: 'yearly', facts: 10, late: 0, lateShare: 0, missingPeriods: [] }),
        ],
      },
    })
    const w = mount(TimelinessPage, { attachTo: document.body })
    await flushPromises()
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/^\/api\/v1\/collect\/timeliness\?asOf=\d{4}-\d{2}-\d{2}$/)
    const rows = w.findAll('[data-testid="timeliness-table"] .el-table__body tr').map((r) => r.text())
    const tax = rows.find((r) => r.includes('纳税'))!
    for (const text of ['焦作市税务局', '按月', '25.0%']) expect(tax).toContain(text)
    expect(w.find('[data-testid="timeliness-missing"]').text()).toContain('2026-09')
    expect(rows.find((r) => r.includes('资质荣誉'))).toContain('按年')
    expect(w.find('[data-testid="timeliness-chart"]').attributes('data-option')).toContain('焦作市税务局')

    ;(w.vm as unknown as { asOf: string }).asOf = '2026-06-30'
    await w.find('[data-testid="timeliness-search"]').trigger('submit')
    await flushPromises()
    expect(String(fetchMock.mock.calls.at(-1)![0])).toBe('/api/v1/collect/timeliness?asOf=2026-06-30')
  })
})
