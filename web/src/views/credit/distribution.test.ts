import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useUserStore } from '@/stores/user'
import { json, meFor, stubApi } from '@/test/fixtures'

import Distribution from './distribution/index.vue'

const RUNS = {
  items: [
    { id: 3, scorecardVersion: 'expert-2026.11', asOf: '2026-11-30T00:00:00+08:00', status: 'completed', startedAt: '2026-11-30T01:00:00+08:00', finishedAt: '2026-11-30T01:02:00+08:00', enterprises: 1200, psiToPrevious: 0.12 },
    { id: 2, scorecardVersion: 'expert-2026.11', asOf: '2026-10-31T00:00:00+08:00', status: 'completed', startedAt: '2026-10-31T01:00:00+08:00', finishedAt: '2026-10-31T01:02:00+08:00', enterprises: 1180, psiToPrevious: 0.02 },
    { id: 1, scorecardVersion: 'expert-2026.11', asOf: '2026-09-30T00:00:00+08:00', status: 'completed', startedAt: '2026-09-30T01:00:00+08:00', finishedAt: '2026-09-30T01:02:00+08:00', enterprises: 1150, psiToPrevious: null },
  ],
}

function distributionOf(run: number, base: number) {
  const ref = (id: number) => ({ id, asOf: RUNS.items.find((r) => r.id === id)!.asOf, scorecardVersion: 'expert-2026.11', enterprises: 1000 + id })
  return {
    run: ref(run),
    base: ref(base),
    grades: [
      { grade: 'A', zh: '优', count: 300, share: 0.25, baseCount: 240, baseShare: 0.2, suppressed: false, psiTerm: 0.0091 },
      { grade: 'E', zh: '风险', count: 900, share: 0.75, baseCount: 960, baseShare: 0.8, suppressed: false, psiTerm: 0.0032 },
    ],
    histogram: [
      { from: 500, to: 520, count: 10, baseCount: 12, suppressed: false },
      { from: 520, to: 540, count: 20, baseCount: 18, suppressed: false },
    ],
    psi: run === 3 ? 0.1234 : 0.0123,
    drift: run === 3 ? 'moderate' : 'stable',
    minimumCount: 5,
    suppressedCells: 0,
  }
}

// A small region: two grades held by fewer than five enterprises each.
function smallRegion() {
  const d = distributionOf(3, 2)
  d.grades = [
    { grade: 'A', zh: '优', count: 40, share: 0.8, baseCount: 40, baseShare: 0.8, suppressed: false, psiTerm: 0 },
    { grade: 'D', zh: '较差', count: null as unknown as number, share: null as unknown as number, baseCount: null as unknown as number,
      baseShare: null as unknown as number, suppressed: true, psiTerm: null as unknown as number },
    { grade: 'E', zh: '风险', count: null as unknown as number, share: null as unknown as number, baseCount: null as unknown as number,
      baseShare: null as unknown as number, suppressed: true, psiTerm: null as unknown as number },
  ]
  d.suppressedCells = 4
  return d
}

async function mountPage() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useUserStore().set(meFor('gov-viewer'))
  const fetchMock = stubApi({
    'GET /api/v1/credit/runs': RUNS,
    'GET /api/v1/credit/distribution': (url) => {
      const run = Number(url.searchParams.get('run') ?? 3)
      const base = Number(url.searchParams.get('base') ?? run - 1)
      return json(distributionOf(run, base))
    },
  })
  const wrapper = mount(Distribution, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, fetchMock }
}

const distributionCalls = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/v1/credit/distribution'))

describe('信用分布', () => {
  it('shows the latest run against its base: PSI with its meaning, both series and the runs', async () => {
    const { wrapper, fetchMock } = await mountPage()
    expect(distributionCalls(fetchMock)).toEqual(['/api/v1/credit/distribution'])
    expect(wrapper.find('[data-testid="distribution-psi-value"]').text()).toBe('0.1234')
    expect(wrapper.find('[data-testid="distribution-psi"]').text()).toContain('轻微漂移')
    expect(wrapper.find('[data-testid="distribution-run-card"]').text()).toContain('批次 #3')
    expect(wrapper.find('[data-testid="distribution-base-card"]').text()).toContain('批次 #2')

    const grades = JSON.parse(wrapper.find('[data-testid="distribution-grade-chart"]').attributes('data-option')!)
    expect(grades.series.map((s: { name: string }) => s.name)).toEqual(['基期', '本期'])
    expect(grades.series[1].data).toEqual([25, 75])
    expect(grades.xAxis.data).toEqual(['A（优）', 'E（风险）'])
    const hist = JSON.parse(wrapper.find('[data-testid="distribution-histogram"]').attributes('data-option')!)
    expect(hist.xAxis.data).toEqual(['500–520', '520–540'])

    const rows = wrapper.find('[data-testid="distribution-runs"]').findAll('.el-table__body tr')
    expect(rows).toHaveLength(3)
    expect(rows[0].text()).toContain('轻微漂移')
    expect(rows[1].text()).toContain('稳定')
    // Only aggregates: no enterprise appears.
    expect(wrapper.text()).not.toContain('有限公司')
  })

  it('shows small counts as <5 and says why, never as a number', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useUserStore().set(meFor('gov-viewer'))
    stubApi({ 'GET /api/v1/credit/runs': RUNS, 'GET /api/v1/credit/distribution': () => json(smallRegion()) })
    const wrapper = mount(Distribution, { global: { plugins: [pinia] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="distribution-suppressed"]').text()).toContain('少于 5 家')
    const rows = wrapper.find('[data-testid="distribution-grades"]').findAll('.el-table__body tr')
    expect(rows[0].text()).toContain('40')
    expect(rows[1].text()).toContain('<5')
    expect(rows[2].text()).toContain('<5')
    expect(rows[1].text()).not.toMatch(/NaN|null|undefined/)
  })

  it('reloads with ?run=&base= when another run is chosen', async () => {
    const { wrapper, fetchMock } = await mountPage()
    const rows = wrapper.find('[data-testid="distribution-runs"]').findAll('.el-table__body tr')
    await rows[2].find('[data-testid="run-as-base"]').trigger('click')
    await flushPromises()
    expect(distributionCalls(fetchMock).at(-1)).toBe('/api/v1/credit/distribution?run=3&base=1')
    await rows[1].find('[data-testid="run-as-current"]').trigger('click')
    await flushPromises()
    expect(distributionCalls(fetchMock).at(-1)).toBe('/api/v1/credit/distribution?run=2&base=1')
    expect(wrapper.find('[data-testid="distribution-psi"]').text()).toContain('稳定')
  })
})
