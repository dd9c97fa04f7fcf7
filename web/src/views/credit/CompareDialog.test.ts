// 评分卡对比: opened on two versions it compares them at once — figures side by side, the grade
// shift over the latest run, each feature's bins — and a failed comparison is explained.
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { calledRoutes, json } from '@/test/fixtures'
import { byTestId, mountDialog } from '@/test/mount'
import { scorecardItem } from './fixtures'
import CompareDialog from './CompareDialog.vue'

const ACTIVE = scorecardItem({ id: 1, metrics: { auc: 0.71, ks: 0.33, psi: 0.02, sample: 1000, badRate: 0.06 } })
const CANDIDATE = scorecardItem({
  id: 2,
  version: 'woe-2026.12',
  title: '2026年四季度训练版',
  method: 'woe_logistic',
  status: 'candidate',
  activatedAt: null,
  metrics: { auc: 0.76, ks: 0.4, psi: 0.03, sample: 1200, badRate: 0.07 },
})

const COMPARISON = {
  left: ACTIVE,
  right: CANDIDATE,
  features: [
    {
      code: 'tax_paid_12m',
      zh: '近12个月纳税额',
      left: { minPoints: 5, maxPoints: 40, bins: [{ label: '5 万元以下', points: 5 }, { label: '5 万元及以上', points: 40 }] },
      right: { minPoints: 5, maxPoints: 45, bins: [{ label: '5 万元以下', points: 5 }, { label: '5 万元及以上', points: 45 }] },
    },
    {
      code: 'dishonest',
      zh: '失信被执行人',
      left: { minPoints: 0, maxPoints: 20, bins: [{ label: '否', points: 20 }, { label: '是', points: 0 }] },
      right: { minPoints: 0, maxPoints: 20, bins: [{ label: '否', points: 20 }, { label: '是', points: 0 }] },
    },
  ],
  population: {
    runId: 7,
    asOf: '2026-12-01T02:00:00+08:00',
    enterprises: 500,
    left: [{ grade: 'A', zh: '优', count: 100, share: 0.2 }, { grade: 'B', zh: '良', count: 400, share: 0.8 }],
    right: [{ grade: 'A', zh: '优', count: 150, share: 0.3 }, { grade: 'B', zh: '良', count: 350, share: 0.7 }],
    psi: 0.0512,
    upgraded: 50,
    downgraded: 0,
    unchanged: 450,
  },
}

const open = (api: NonNullable<Parameters<typeof mountDialog>[1]>['api'], props: Record<string, unknown> = { leftId: 1, rightId: 2 }) =>
  mountDialog(CompareDialog, { role: 'platform-admin', api, props: { items: [ACTIVE, CANDIDATE], ...props } })

describe('评分卡对比', () => {
  it('asks for two versions when opened without them, and calls nothing', async () => {
    const { fetchMock } = await open({}, {})
    expect(byTestId('scorecard-compare-dialog')!.textContent).toContain('请选择两个不同的版本')
    expect(byTestId('compare-left')).not.toBeNull()
    expect(byTestId('compare-right')).not.toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('compares the two versions: figures, the grade shift over the latest run, and changed features', async () => {
    const { fetchMock } = await open({ 'GET /api/v1/credit/scorecards/1/compare': COMPARISON })
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/credit/scorecards/1/compare'])
    expect(new URL(String(fetchMock.mock.calls[0][0]), 'http://x').searchParams.get('with')).toBe('2')
    const metrics = byTestId('compare-metrics')!.textContent!
    for (const text of ['expert-2026.11', 'woe-2026.12', '2026年四季度训练版']) expect(metrics).toContain(text)
    expect(byTestId('compare-psi')!.textContent).toBe('0.0512')
    expect(byTestId('compare-upgraded')!.textContent).toContain('升级 50')
    expect(byTestId('compare-downgraded')!.textContent).toContain('降级 0')
    const features = byTestId('compare-features')!.textContent!
    for (const text of ['近12个月纳税额', '有变化', '相同']) expect(features).toContain(text)
    expect(byTestId('scorecard-compare-dialog')!.textContent).toContain('1 项指标有变化')
  })

  it('explains a comparison the server refuses', async () => {
    await open({
      'GET /api/v1/credit/scorecards/1/compare': () =>
        json({ title: '评分卡不存在', status: 404, code: 'not_found', detail: '找不到评分卡 2' }, 404),
    })
    await flushPromises()
    expect(byTestId('compare-problem')!.textContent).toContain('评分卡不存在')
    expect(byTestId('compare-metrics')).toBeNull()
  })
})
