import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { FunnelRow, OverdueItem, Overview } from '@/api/oversight'
import { mountPage, stubMessages } from '@/test/mount'
import { calledRoutes, json, stubApi } from '@/test/fixtures'
import { barOption, funnelOption, funnelStages, limitError } from './gov'

import OverviewPage from './overview/index.vue'
import OverduePage from './overdue/index.vue'
import SettingsPage from './settings/index.vue'

const { confirm } = stubMessages()

function row(name: string, patch: Partial<FunnelRow> = {}): FunnelRow {
  return {
    key: name,
    name,
    published: 5,
    claimed: 4,
    approved: 2,
    disbursed: 1,
    publishedFen: 580_000_000,
    approvedFen: 150_000_000,
    disbursedFen: 90_000_000,
    ...patch,
  }
}

const OVERVIEW: Overview = {
  total: row(''),
  byBank: [row('工商银行焦作分行'), row('中国银行焦作分行', { published: 2, claimed: 1, approved: 0, disbursed: 0 })],
  byPark: [row('中原工业设计城')],
  openOverdue: 2,
}

function overdue(patch: Partial<OverdueItem> = {}): OverdueItem {
  return {
    id: 3,
    step: 'first_contact',
    stepZh: '首次联系',
    demandId: 3,
    applicationId: 4,
    bank: { id: 15, name: '工商银行焦作分行' },
    enterprise: { name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U' },
    startedOn: '2026-11-28',
    deadline: '2026-12-02',
    markedAt: '2026-12-03T09:00:00+08:00',
    resolvedAt: null,
    outcome: 'lapsed',
    outcomeZh: '接单失效，需求退回需求池',
    ...patch,
  }
}

const mountAs = (role: string, component: unknown, api: Parameters<typeof stubApi>[0]) =>
  mountPage(component, { role, csrf: 'csrf-gov', api, path: '/finance' })

const rowsOf = (wrapper: ReturnType<typeof mount>, testId: string) => wrapper.find(`[data-testid="${testId}"]`).findAll('.el-table__body tr')

describe('funnel and charts', () => {
  it('gives each stage its count, amount in 万元 and share of 发布 (接单 has no amount)', () => {
    expect(funnelStages(row(''))).toEqual([
      { label: '发布', count: 5, amountWan: '580', share: '100.0%' },
      { label: '接单', count: 4, amountWan: null, share: '80.0%' },
      { label: '授信', count: 2, amountWan: '150', share: '40.0%' },
      { label: '放款', count: 1, amountWan: '90', share: '20.0%' },
    ])
    expect(funnelStages(row('', { published: 0, claimed: 0, approved: 0, disbursed: 0 }))[0].share).toBe('-')
  })

  it('draws the funnel in pipeline order and one bar series per stage', () => {
    const f = funnelOption(row(''))
    expect(f.series[0].type).toBe('funnel')
    expect(f.series[0].sort).toBe('none')
    expect(f.series[0].data.map((d) => d.name)).toEqual(['发布', '接单', '授信', '放款'])
    const label = f.series[0].label.formatter({ dataIndex: 2 })
    expect(label).toContain('授信  2 笔 · 150 万元')
    const b = barOption(OVERVIEW.byBank)
    expect(b.xAxis.data).toEqual(['工商银行焦作分行', '中国银行焦作分行'])
    expect(b.series.map((s) => [s.name, s.data])).toEqual([
      ['发布', [5, 2]],
      ['接单', [4, 1]],
      ['授信', [2, 0]],
      ['放款', [1, 0]],
    ])
    expect(b.tooltip.formatter([{ dataIndex: 0 }])).toContain('放款 1 笔，90 万元')
  })

  it('accepts 1–60 whole working days', () => {
    expect(limitError(1)).toBe('')
    expect(limitError(60)).toBe('')
    expect(limitError(0)).toBe('时限应为 1 到 60 个工作日')
    expect(limitError(61)).toBe('时限应为 1 到 60 个工作日')
    expect(limitError(undefined)).toBe('请填写整数')
  })
})

describe('对接总览', () => {
  it('shows the four stages in 万元, the charts, the tables and the open overdue count linking to 超时督办', async () => {
    const { wrapper } = await mountAs('gov-officer', OverviewPage, { 'GET /api/v1/finance/overview': OVERVIEW })
    expect(wrapper.find('[data-testid="overview-stage-发布"]').text()).toContain('5')
    expect(wrapper.find('[data-testid="overview-stage-发布"]').text()).toContain('580 万元')
    expect(wrapper.find('[data-testid="overview-stage-放款"]').text()).toContain('占发布 20.0%')
    expect(wrapper.find('[data-testid="overview-funnel"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="overview-bank-chart"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="overview-park-chart"]').exists()).toBe(true)
    const banks = rowsOf(wrapper, 'overview-bank-table')
    expect(banks).toHaveLength(2)
    expect(banks[0].text()).toContain('工商银行焦作分行')
    expect(banks[0].text()).toContain('150')
    expect(rowsOf(wrapper, 'overview-park-table')[0].text()).toContain('中原工业设计城')
    const link = wrapper.find('[data-testid="overview-overdue"]')
    expect(link.attributes('href')).toBe('/finance/overdue')
    expect(link.text()).toContain('2')
  })

  it('shows the server’s message when the overview fails', async () => {
    const { wrapper } = await mountAs('gov-officer', OverviewPage, {
      'GET /api/v1/finance/overview': () => json({ title: '没有权限', status: 403, detail: '需要“对接统计”权限。' }, 403),
    })
    expect(wrapper.find('[data-testid="overview-error"]').text()).toContain('需要“对接统计”权限。')
  })
})

describe('超时督办', () => {
  it('lists open items with step, bank, deadline and outcome; the toggle asks for all', async () => {
    const { wrapper, fetchMock } = await mountAs('gov-officer', OverduePage, {
      'GET /api/v1/finance/overdue': (url) =>
        json({
          items:
            url.searchParams.get('open') === 'true'
              ? [overdue(), overdue({ id: 1, step: 'claim_or_respond', stepZh: '接单/响应', bank: null, applicationId: null, outcome: 'listed', outcomeZh: '待银行接单' })]
              : [overdue({ id: 9, outcome: 'notified', outcomeZh: '已提醒银行', resolvedAt: '2026-12-04T10:00:00+08:00' })],
          total: 1,
          page: 1,
          pageSize: 10,
        }),
    })
    let rows = rowsOf(wrapper, 'overdue-table')
    expect(rows).toHaveLength(2)
    expect(rows[0].find('[data-testid="overdue-step"]').text()).toBe('首次联系')
    expect(rows[0].text()).toContain('工商银行焦作分行')
    expect(rows[0].text()).toContain('2026-12-02')
    expect(rows[0].find('[data-testid="overdue-outcome"]').text()).toBe('接单失效，需求退回需求池')
    expect(rows[0].text()).toContain('未办结')
    expect(rows[1].text()).toContain('尚无银行接单')
    expect(rows[1].find('[data-testid="overdue-outcome"]').text()).toBe('待银行接单')

    await wrapper.find('[data-testid="overdue-open"]').findAll('input')[1].setValue(true)
    await flushPromises()
    const urls = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://x').searchParams.get('open'))
    expect(urls).toEqual(['true', 'false'])
    rows = rowsOf(wrapper, 'overdue-table')
    expect(rows[0].find('[data-testid="overdue-outcome"]').text()).toBe('已提醒银行')
    expect(rows[0].find('[data-testid="overdue-resolved"]').text()).toContain('2026-12-04')
  })
})

describe('对接时限', () => {
  it('loads the limits, saves them after confirmation and runs 立即检查', async () => {
    const bodies: unknown[] = []
    const { wrapper, fetchMock } = await mountAs('platform-admin', SettingsPage, {
      'GET /api/v1/finance/settings': { claimOrRespond: 2, firstContact: 3, decision: 10 },
      'PUT /api/v1/finance/settings': (_u, init) => {
        bodies.push(JSON.parse(String(init.body)))
        return json({ claimOrRespond: 2, firstContact: 5, decision: 10 })
      },
      'POST /api/v1/finance/sweep': { today: '2026-12-20', checked: 3, marked: 2, lapsed: 1 },
    })
    const input = (key: string) => wrapper.find(`[data-testid="settings-${key}"] input`)
    expect((input('decision').element as HTMLInputElement).value).toBe('10')
    await input('firstContact').setValue('5')
    await input('firstContact').trigger('change')
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    expect(bodies).toEqual([{ claimOrRespond: 2, firstContact: 5, decision: 10 }])

    await wrapper.find('[data-testid="settings-sweep"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toContain('POST /api/v1/finance/sweep')
    const result = wrapper.find('[data-testid="settings-sweep-result"]').text()
    for (const text of ['2026-12-20', '3 项', '2 项', '1 项']) expect(result).toContain(text)
  })

  it('shows the server’s 422 for a limit out of range', async () => {
    const { wrapper } = await mountAs('platform-admin', SettingsPage, {
      'GET /api/v1/finance/settings': { claimOrRespond: 2, firstContact: 3, decision: 10 },
      'PUT /api/v1/finance/settings': () =>
        json({ title: '内容校验未通过', status: 422, errors: [{ field: 'decision', message: '时限应为 1 到 60 个工作日。' }] }, 422),
    })
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    expect(wrapper.text()).toContain('时限应为 1 到 60 个工作日。')
  })
})
