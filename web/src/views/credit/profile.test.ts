import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { calledRoutes, json, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import { ACTIVE, HISTORY, SCORE } from './fixtures'

// Charts need a canvas; the test only checks what they are given.
import Profile from './profile/index.vue'

async function mountProfile(api: Parameters<typeof stubApi>[0]) {
  const mounted = await mountPage(Profile, { role: 'enterprise-staff', api, props: { id: 11 }, noRouter: true })
  await flushPromises()
  return mounted
}

const byTestId = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.findAll(`[data-testid="${id}"]`)

describe('信用画像', () => {
  it('shows the score on a gauge banded by the scorecard’s grades, the grade and the version', async () => {
    const { wrapper, fetchMock } = await mountProfile({
      'GET /api/v1/credit/enterprises/11/score': SCORE,
      'GET /api/v1/credit/enterprises/11/scores': HISTORY,
      'GET /api/v1/credit/scorecard': ACTIVE,
    })
    expect(calledRoutes(fetchMock).sort()).toEqual([
      'GET /api/v1/credit/enterprises/11/score',
      'GET /api/v1/credit/enterprises/11/scores',
      'GET /api/v1/credit/scorecard',
    ])
    expect(byTestId(wrapper, 'credit-name')[0].text()).toBe('焦作市天宝桓祥科技有限公司')
    expect(byTestId(wrapper, 'credit-grade')[0].text()).toBe('B · 良')
    expect(byTestId(wrapper, 'credit-score')[0].text()).toBe('684')
    expect(byTestId(wrapper, 'credit-version')[0].text()).toBe('expert-2026.11')
    expect(byTestId(wrapper, 'credit-as-of')[0].text()).toBe('2026-11-27 18:30:00')

    const gauge = JSON.parse(byTestId(wrapper, 'credit-gauge')[0].attributes('data-option')!)
    const series = gauge.series[0]
    expect([series.type, series.min, series.max, series.data[0].value]).toEqual(['gauge', 260, 860, 684])
    expect(series.axisLine.lineStyle.color).toHaveLength(5)
    expect(series.data[0].name).toBe('B · 良')
  })

  it('lists the top four reasons with remedy and department, and the rest folded away', async () => {
    const { wrapper } = await mountProfile({
      'GET /api/v1/credit/enterprises/11/score': SCORE,
      'GET /api/v1/credit/enterprises/11/scores': HISTORY,
      'GET /api/v1/credit/scorecard': ACTIVE,
    })
    const reasons = byTestId(wrapper, 'credit-reason')
    expect(reasons).toHaveLength(4)
    expect(reasons[0].find('[data-testid="credit-reason-text"]').text()).toBe('纳税额偏低')
    expect(reasons[0].find('[data-testid="credit-reason-remedy"]').text()).toBe('依法足额纳税，按期申报')
    expect(reasons[0].find('[data-testid="credit-reason-department"]').text()).toBe('税务局')
    expect(reasons[0].find('[data-testid="credit-reason-lost"]').text()).toMatch(/^-35/)
    expect(wrapper.text()).toContain('其余 1 项扣分原因')
  })

  it('shows uncollected values as 未归集 in grey in the feature table, and the history', async () => {
    const { wrapper } = await mountProfile({
      'GET /api/v1/credit/enterprises/11/score': SCORE,
      'GET /api/v1/credit/enterprises/11/scores': HISTORY,
      'GET /api/v1/credit/scorecard': ACTIVE,
    })
    const table = byTestId(wrapper, 'credit-features')[0]
    const rows = table.findAll('.el-table__body tr')
    expect(rows).toHaveLength(2)
    for (const text of ['3.2 万元', '5 万元以下', '纳税信息']) expect(rows[0].text()).toContain(text)
    expect(rows[1].classes()).toContain('unknown-row')
    expect(rows[1].find('[data-testid="credit-unknown"]').text()).toBe('未归集')

    const history = byTestId(wrapper, 'credit-history')[0].findAll('.el-table__body tr')
    expect(history).toHaveLength(2)
    expect(history[1].text()).toContain('批量评分 #2')
    const chart = JSON.parse(byTestId(wrapper, 'credit-history-chart')[0].attributes('data-option')!)
    expect(chart.series[0].data).toEqual([650, 684])
  })

  it('shows the server’s message for a bank without consent (403 consent_required)', async () => {
    const { wrapper, fetchMock } = await mountProfile({
      'GET /api/v1/credit/enterprises/11/score': () =>
        json(
          { title: '需要企业授权', status: 403, code: 'consent_required', detail: '银行查看企业信用画像须取得企业授权' },
          403,
        ),
      'GET /api/v1/credit/scorecard': ACTIVE,
    })
    const alert = byTestId(wrapper, 'credit-error')[0]
    expect(alert.text()).toContain('需要企业授权')
    expect(alert.text()).toContain('银行查看企业信用画像须取得企业授权')
    expect(byTestId(wrapper, 'credit-reason')).toHaveLength(0)
    // No history is asked for once the score is refused.
    expect(calledRoutes(fetchMock)).not.toContain('GET /api/v1/credit/enterprises/11/scores')
  })

  it('opens the public scorecard (评分规则公开) with its bins, points and reasons', async () => {
    const { wrapper } = await mountProfile({
      'GET /api/v1/credit/enterprises/11/score': SCORE,
      'GET /api/v1/credit/enterprises/11/scores': HISTORY,
      'GET /api/v1/credit/scorecard': ACTIVE,
    })
    await byTestId(wrapper, 'credit-rules-open')[0].trigger('click')
    await flushPromises()
    const dialog = document.querySelector<HTMLElement>('[data-testid="credit-rules-dialog"]')!
    expect(dialog.textContent).toContain('评分规则公开')
    const rules = dialog.querySelector('[data-testid="scorecard-features"]')!
    for (const text of ['近12个月纳税额', '5 万元以下', '被列为失信被执行人', '中级人民法院']) expect(rules.textContent).toContain(text)
    expect(dialog.querySelector('[data-testid="scorecard-grades"]')!.textContent).toContain('关注')
  })
})
