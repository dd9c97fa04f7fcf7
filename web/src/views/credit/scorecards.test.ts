import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { mountPage, stubMessages } from '@/test/mount'
import { calledRoutes, json, stubApi } from '@/test/fixtures'
import { ARTIFACT, scorecardItem } from './fixtures'

import Scorecards from './scorecards/index.vue'

const { confirm } = stubMessages()

const ACTIVE_ITEM = scorecardItem()
const CANDIDATE = scorecardItem({
  id: 2,
  version: 'woe-2026.12',
  title: 'WoE 逻辑回归评分卡',
  method: 'woe_logistic',
  status: 'candidate',
  checksum: 'sha256:' + '9a'.repeat(32),
  createdAt: '2026-12-01T10:00:00+08:00',
  activatedAt: null,
  activatedBy: null,
  metrics: { auc: 0.781, ks: 0.412, psi: 0.021, sample: 12000, badRate: 0.05 },
})

const mountScorecards = (api: Parameters<typeof stubApi>[0]) =>
  mountPage(Scorecards, { role: 'platform-admin', csrf: 'csrf-admin', api, noRouter: true })

const rowsOf = (wrapper: ReturnType<typeof mount>) => wrapper.find('[data-testid="scorecard-table"]').findAll('.el-table__body tr')

describe('评分卡管理', () => {
  it('lists versions with method, status, shortened checksum and metrics in Chinese', async () => {
    const { wrapper } = await mountScorecards({ 'GET /api/v1/credit/scorecards': { items: [CANDIDATE, ACTIVE_ITEM] } })
    const rows = rowsOf(wrapper)
    expect(rows).toHaveLength(2)
    for (const text of ['woe-2026.12', 'WoE逻辑回归', '待启用', '9a9a9a9a…', '0.781']) expect(rows[0].text()).toContain(text)
    expect(rows[1].text()).toContain('专家评分卡')
    expect(rows[1].text()).toContain('启用中')
    // Only the candidate can be activated.
    expect(rows[0].find('[data-testid="scorecard-activate"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="scorecard-activate"]').exists()).toBe(false)
  })

  it('activates a candidate after confirmation and refreshes the list', async () => {
    let activated = false
    const { wrapper, fetchMock } = await mountScorecards({
      'GET /api/v1/credit/scorecards': () =>
        json({
          items: activated
            ? [{ ...CANDIDATE, status: 'active' }, { ...ACTIVE_ITEM, status: 'retired' }]
            : [CANDIDATE, ACTIVE_ITEM],
        }),
      'POST /api/v1/credit/scorecards/2/activate': () => {
        activated = true
        return json({ ...CANDIDATE, status: 'active' })
      },
    })
    confirm.mockResolvedValueOnce('confirm')
    await rowsOf(wrapper)[0].find('[data-testid="scorecard-activate"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('expert-2026.11')
    expect(calledRoutes(fetchMock)).toEqual([
      'GET /api/v1/credit/scorecards',
      'POST /api/v1/credit/scorecards/2/activate',
      'GET /api/v1/credit/scorecards',
    ])
    expect(rowsOf(wrapper)[0].text()).toContain('启用中')
    expect(rowsOf(wrapper)[1].text()).toContain('已停用')
  })

  it('does nothing when the confirmation is cancelled', async () => {
    const { wrapper, fetchMock } = await mountScorecards({ 'GET /api/v1/credit/scorecards': { items: [CANDIDATE, ACTIVE_ITEM] } })
    confirm.mockRejectedValueOnce('cancel')
    await rowsOf(wrapper)[0].find('[data-testid="scorecard-activate"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/credit/scorecards'])
  })

  it('opens a version in the drawer with its grades and bins', async () => {
    const { wrapper } = await mountScorecards({
      'GET /api/v1/credit/scorecards': { items: [CANDIDATE, ACTIVE_ITEM] },
      'GET /api/v1/credit/scorecards/1': { ...ACTIVE_ITEM, artifact: ARTIFACT },
    })
    await rowsOf(wrapper)[1].find('[data-testid="scorecard-view"]').trigger('click')
    await flushPromises()
    const drawer = document.querySelector<HTMLElement>('[data-testid="scorecard-drawer"]')!
    expect(drawer.textContent).toContain('评分卡 expert-2026.11')
    expect(drawer.textContent).toContain('600 分对应好坏比 20:1')
    expect(drawer.querySelector('[data-testid="scorecard-features"]')!.textContent).toContain('未归集到近两年的纳税记录')
  })

  it('compares a candidate with the active version', async () => {
    const { wrapper, fetchMock } = await mountScorecards({
      'GET /api/v1/credit/scorecards': { items: [CANDIDATE, ACTIVE_ITEM] },
      'GET /api/v1/credit/scorecards/1/compare': {
        left: ACTIVE_ITEM,
        right: CANDIDATE,
        features: [
          {
            code: 'tax_paid_12m',
            zh: '近12个月纳税额',
            left: { minPoints: 5, maxPoints: 40, bins: [{ label: '5 万元以下', points: 5 }] },
            right: { minPoints: 8, maxPoints: 45, bins: [{ label: '5 万元以下', points: 8 }] },
          },
        ],
        population: {
          runId: 2,
          asOf: '2026-11-30T00:00:00+08:00',
          enterprises: 1200,
          left: [{ grade: 'A', zh: '优', count: 300, share: 0.25 }],
          right: [{ grade: 'A', zh: '优', count: 360, share: 0.3 }],
          psi: 0.031,
          upgraded: 140,
          downgraded: 60,
          unchanged: 1000,
        },
      },
    })
    await rowsOf(wrapper)[0].find('[data-testid="scorecard-compare"]').trigger('click')
    await flushPromises()
    const route = fetchMock.mock.calls.map(([u]) => String(u)).find((u) => u.includes('/compare'))
    expect(route).toBe('/api/v1/credit/scorecards/1/compare?with=2')
    const dialog = document.querySelector<HTMLElement>('[data-testid="scorecard-compare-dialog"]')!
    expect(dialog.querySelector('[data-testid="compare-psi"]')!.textContent).toBe('0.0310')
    expect(dialog.querySelector('[data-testid="compare-upgraded"]')!.textContent).toContain('140')
    expect(dialog.querySelector('[data-testid="compare-downgraded"]')!.textContent).toContain('60')
    expect(dialog.querySelector('[data-testid="compare-features"]')!.textContent).toContain('有变化')
    expect(dialog.querySelector('[data-testid="compare-metrics"]')!.textContent).toContain('0.781')
  })
})
