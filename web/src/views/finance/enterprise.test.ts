import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { ApplicationDetail, TimelineEvent } from '@/api/application'
import type { Demand, MatchResult } from '@/api/demand'
import type { Product } from '@/api/product'
import { calledRoutes, json, stubApi, invalid } from '@/test/fixtures'
import { mountPage, stubMessages } from '@/test/mount'
import { applicationFixture, demandFixture, productFixture } from './bank/fixtures'
import {
  amountProblem,
  demandBody,
  lprNote,
  rateRange,
  rulesZh,
  togglePick,
  type PublishForm,
} from './enterprise'
import { eventFacts } from './timeline'

import ProductsPage from './products/index.vue'
import PublishPage from './publish/index.vue'
import DemandsPage from './demands/index.vue'
import ApplicationPage from './application/index.vue'

const { confirm, prompt, warning, error } = stubMessages({ toasts: true })

/** A published product of 工商银行焦作分行 as the enterprise sees it in 产品超市. */
function product(patch: Partial<Product> = {}): Product {
  const at = '2026-11-28T09:00:00+08:00'
  const base = productFixture()
  return productFixture({
    description: '',
    bank: { id: 15, name: '工商银行焦作分行' },
    rules: { ...base.rules, industries: [], sizeClasses: [], minTaxGrade: 'B', minTaxPaid12mFen: null, minInsured: null, minCreditGrade: null },
    status: 'published',
    statusZh: '已上架',
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    ...patch,
  })
}

const FIXED = product({
  id: 2,
  name: '科创信用贷',
  kind: 'credit',
  kindZh: '信用贷',
  rateKind: 'fixed',
  minRateBp: 385,
  maxRateBp: 520,
  effectiveRate: { minBp: 385, maxBp: 520, lprBp: null },
})
const FIVE = [1, 2, 3, 4, 5].map((id) => product({ id, name: `产品${id}` }))

const CATALOGUE = {
  productKinds: [{ code: 'tax', zh: '税易贷' }],
  repaymentMethods: [],
  guarantees: [
    { code: 'credit', zh: '信用' },
    { code: 'mortgage', zh: '抵押' },
  ],
  urgencies: [
    { code: 'normal', zh: '一般' },
    { code: 'urgent', zh: '较急' },
    { code: 'very_urgent', zh: '紧急' },
  ],
  states: [],
  commands: [],
  reasons: [],
  creditGrades: ['A', 'B', 'C', 'D', 'E'],
  limits: { claimOrRespond: 2, firstContact: 3, decision: 10 },
  lpr1yBp: 300,
}
const BANKS = { items: [{ id: 15, name: '工商银行焦作分行', shortName: '工行' }] }

function page<T>(items: T[]) {
  return { items, total: items.length, page: 1, pageSize: 10 }
}

const mountAs = (role: string, component: unknown, api: Parameters<typeof stubApi>[0], path = '/x', props = {}) =>
  mountPage(component, {
    role,
    csrf: 'csrf-market',
    morePermissions: ['finance.read', ...(role.startsWith('enterprise') ? ['demand.manage', 'consent.manage'] : [])],
    api,
    path,
    props,
  })

const rowsOf = (wrapper: ReturnType<typeof mount>, testId: string) =>
  wrapper.find(`[data-testid="${testId}"]`).findAll('.el-table__body-wrapper tr')

// --- pure helpers -----------------------------------------------------------------------------------

describe('marketplace helpers', () => {
  it('shows the rate in force today, and for an LPR product how it is made', () => {
    expect(rateRange(product())).toBe('3.45%–4.50%')
    expect(lprNote(product())).toBe('LPR 3.00% + 0.45%–1.50%')
    expect(rateRange(FIXED)).toBe('3.85%–5.20%')
    expect(lprNote(FIXED)).toBe('')
  })

  it('writes the eligibility rules in Chinese, leaving out the empty ones', () => {
    const lines = rulesZh({ ...product().rules, sizeClasses: ['small', 'micro'], industries: ['C'], minTaxPaid12mFen: 20_000_000 })
    expect(lines).toEqual([
      '注册地区：4108*（行政区划代码）',
      '所属行业：C 制造业',
      '企业规模：小型、微型',
      '成立年限不少于 2 年',
      '纳税信用等级不低于 B 级（A B M C D，由高到低）',
      '近 12 个月纳税额不少于 20 万元',
      '不得为失信被执行人',
    ])
    expect(rulesZh({})).toEqual([])
  })

  it('keeps the compare basket at 4: a fifth is refused with a message and the basket unchanged', () => {
    let basket: { id: number; name: string }[] = []
    for (const p of FIVE.slice(0, 4)) basket = togglePick(basket, p).basket
    expect(basket.map((p) => p.id)).toEqual([1, 2, 3, 4])
    const fifth = togglePick(basket, FIVE[4])
    expect(fifth.error).toContain('最多同时对比 4 个产品')
    expect(fifth.basket.map((p) => p.id)).toEqual([1, 2, 3, 4])
    // Taking one out makes room again.
    const out = togglePick(basket, FIVE[1])
    expect(out.error).toBeNull()
    expect(togglePick(out.basket, FIVE[4]).basket.map((p) => p.id)).toEqual([1, 3, 4, 5])
  })

  it('turns the form into the request: 万元 → fen exactly, 信用 implied, product only when directed', () => {
    const form: PublishForm = {
      amountWan: '12.34',
      termMonths: 12,
      purpose: '  采购原材料 ',
      urgency: 'urgent',
      guarantees: ['mortgage'],
      preferredBankIds: [15],
      contactName: '张三',
      contactPhone: '13800001111',
    }
    expect(demandBody(form)).toEqual({
      amountFen: 12_340_000,
      termMonths: 12,
      purpose: '采购原材料',
      urgency: 'urgent',
      guarantees: ['mortgage'],
      preferredBankIds: [15],
      contactName: '张三',
      contactPhone: '13800001111',
    })
    expect(demandBody(form, 7)).toMatchObject({ productId: 7 })
    expect(amountProblem('')).toBe('请输入融资金额')
    expect(amountProblem('abc')).toContain('请输入数字')
    expect(amountProblem('0.05')).toBe('融资金额不少于 0.1 万元')
    expect(amountProblem('50')).toBe('')
  })

  it('reads the approval and disbursement details of a timeline event', () => {
    expect(
      eventFacts({ command: 'approve', detail: { amountFen: 60_000_000, rateBp: 410, termMonths: 24, validUntil: '2027-01-31' } }),
    ).toEqual([
      { label: '授信金额', value: '60 万元' },
      { label: '年利率', value: '4.10%' },
      { label: '期限', value: '24 个月' },
      { label: '授信有效期至', value: '2027-01-31' },
    ])
    expect(
      eventFacts({ command: 'disburse', detail: { amountFen: 30_000_000, onDate: '2026-11-28', disbursedFen: 50_000_000, approvedFen: 60_000_000 } }),
    ).toEqual([
      { label: '本次放款', value: '30 万元' },
      { label: '放款日期', value: '2026-11-28' },
      { label: '累计放款', value: '50 万元 / 授信 60 万元' },
    ])
  })
})

// --- 产品超市 ---------------------------------------------------------------------------------------

describe('产品超市', { timeout: 30_000 }, () => {
  const routes = {
    'GET /api/v1/finance/catalogue': CATALOGUE,
    'GET /api/v1/banks': BANKS,
    'GET /api/v1/finance/products': page(FIVE),
  }

  it('lists products with amounts in 万元 and the rate in force, and sends the filters (万元 → fen)', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', ProductsPage, routes)
    const rows = rowsOf(wrapper, 'product-table')
    expect(rows).toHaveLength(5)
    for (const text of ['10–300 万元', '3.45%–4.50%', 'LPR 3.00% + 0.45%–1.50%']) expect(rows[0].text()).toContain(text)
    expect(rows[0].find('[data-testid="product-apply"]').exists()).toBe(true)

    await wrapper.find('[data-testid="product-search-amount"]').setValue('50')
    await wrapper.find('[data-testid="product-search"]').trigger('submit')
    await flushPromises()
    const last = new URL(String(fetchMock.mock.calls.at(-1)![0]), 'http://localhost')
    expect(last.pathname).toBe('/api/v1/finance/products')
    expect(last.searchParams.get('amountFen')).toBe('50000000')
    expect(last.searchParams.get('sort')).toBe('rate')
  })

  it('goes to 发布需求 with the product preselected when an enterprise user applies', async () => {
    const { wrapper, router } = await mountAs('enterprise-staff', ProductsPage, routes)
    await rowsOf(wrapper, 'product-table')[2].find('[data-testid="product-apply"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/finance/publish?productId=3')
  })

  it('lets a government user browse without 申请', async () => {
    const { wrapper } = await mountAs('gov-viewer', ProductsPage, routes)
    expect(rowsOf(wrapper, 'product-table')).toHaveLength(5)
    expect(wrapper.find('[data-testid="product-apply"]').exists()).toBe(false)
  })

  it('refuses a fifth product for comparison with a message, and compares the four picked', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', ProductsPage, {
      ...routes,
      'GET /api/v1/finance/products/compare': (url: URL) => {
        const ids = url.searchParams.get('ids')!.split(',').map(Number)
        return json({ items: FIVE.filter((p) => ids.includes(p.id)) })
      },
    })
    const picks = () => wrapper.findAll('[data-testid="compare-pick"] input')
    for (let i = 0; i < 5; i++) {
      await picks()[i].setValue(true)
      await flushPromises()
    }
    expect(warning).toHaveBeenCalledTimes(1)
    expect(String(warning.mock.calls[0][0])).toContain('最多同时对比 4 个产品')
    expect(picks().map((i) => (i.element as HTMLInputElement).checked)).toEqual([true, true, true, true, false])
    expect(wrapper.find('[data-testid="compare-basket"]').text()).toContain('4/4')

    await wrapper.find('[data-testid="compare-open"]').trigger('click')
    await flushPromises()
    const call = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).find((u) => u.pathname.endsWith('/compare'))!
    expect(call.searchParams.get('ids')).toBe('1,2,3,4')
    const table = document.querySelector('[data-testid="compare-table"]')!
    expect(table.querySelectorAll('thead th')).toHaveLength(5)
    expect(table.textContent).toContain('注册地区：4108*')
  })
})

// --- 发布需求 ---------------------------------------------------------------------------------------

describe('发布需求', { timeout: 30_000 }, () => {
  const MATCH: MatchResult = {
    profile: {
      regionCode: '410871',
      industryCode: 'C35',
      sizeClass: 'medium',
      years: 17.7,
      taxGrade: 'M',
      taxPaid12mFen: 136_660_000,
      insured: 389,
      creditGrade: 'B',
    },
    items: [
      {
        product: product(),
        eligible: false,
        verdict: 'ineligible',
        rules: [
          { rule: 'tax_grade', ruleZh: '纳税信用等级', outcome: 'fail', outcomeZh: '不符合', value: 'M级', threshold: '不低于 B级' },
          { rule: 'insured', ruleZh: '参保人数', outcome: 'unknown', outcomeZh: '无法判断', value: '未归集', threshold: '不少于 5 人' },
        ],
      },
      { product: FIXED, eligible: true, verdict: 'eligible', rules: [] },
    ],
    ranked: [{ rank: 1, productId: 2, why: '年利率 3.85%–5.20%；承诺 3 个工作日审批', responseWorkdays: null, approvalRate: null }],
  }

  const base = {
    'GET /api/v1/finance/catalogue': CATALOGUE,
    'GET /api/v1/banks': BANKS,
    'GET /api/v1/finance/products/1': product(),
  }

  async function fill(wrapper: ReturnType<typeof mount>) {
    await wrapper.find('[data-testid="publish-amount"]').setValue('30')
    await wrapper.find('[data-testid="publish-purpose"]').setValue('采购原材料')
  }

  it('preselects the product from the address and previews each rule with the enterprise’s value and the threshold', async () => {
    const { wrapper, fetchMock } = await mountAs(
      'enterprise-staff',
      PublishPage,
      { ...base, 'POST /api/v1/finance/match': MATCH },
      '/finance/publish?productId=1',
    )
    expect(wrapper.find('[data-testid="publish-product"]').text()).toContain('税易贷')
    expect(wrapper.find('[data-testid="publish-product"]').text()).toContain('工商银行焦作分行')
    await fill(wrapper)
    await wrapper.find('[data-testid="publish-preview"]').trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/finance/match'))!
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({ amountFen: 30_000_000, termMonths: 12, guarantees: [] })
    expect(rowsOf(wrapper, 'match-ranked')[0].text()).toContain('科创信用贷')
    expect(rowsOf(wrapper, 'match-ranked')[0].text()).toContain('承诺 3 个工作日审批')
    const rules = wrapper.findAll('[data-testid="match-rules"]')[0].findAll('.el-table__body-wrapper tr')
    for (const text of ['纳税信用等级', '不符合', 'M级', '不低于 B级']) expect(rules[0].text()).toContain(text)
    expect(rules[1].text()).toContain('无法判断')
  })

  it('shows the server’s 422 field errors at the form items (amountFen at the 万元 field)', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', PublishPage, {
      ...base,
      'POST /api/v1/finance/demands': () =>
        invalid([
          { field: 'amountFen', message: '融资金额超出范围。' },
          { field: 'contactPhone', message: '联系电话只能包含数字、空格、“-”和“+”。' },
        ]),
    })
    await fill(wrapper)
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="publish-pool"]').trigger('click')
    await flushPromises()
    const item = (testId: string) => wrapper.find(`[data-testid="${testId}"]`).element.closest('.el-form-item')!
    expect(calledRoutes(fetchMock)).toContain('POST /api/v1/finance/demands')
    await vi.waitFor(() => expect(item('publish-amount').querySelector('.el-form-item__error')?.textContent).toContain('融资金额超出范围。'))
    await vi.waitFor(() => expect(item('publish-contact-phone').querySelector('.el-form-item__error')?.textContent).toContain('联系电话只能包含数字'))
    // The problem is at its fields, not repeated above the form.
    expect(wrapper.find('[data-testid="publish-error"]').exists()).toBe(false)
  })

  it('lists every reason the server refuses a directed application to the product', async () => {
    const { wrapper } = await mountAs(
      'enterprise-staff',
      PublishPage,
      {
        ...base,
        'POST /api/v1/finance/demands': () =>
          invalid([
            { field: 'productId', message: '不符合“企业规模”：本企业为 中型，产品要求 小型、微型。' },
            { field: 'productId', message: '不符合“融资金额”：本企业为 3000 万元，产品要求 5 万元–100 万元。' },
          ]),
      },
      '/finance/publish?productId=1',
    )
    await fill(wrapper)
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="publish-directed"]').trigger('click')
    await flushPromises()
    const alert = wrapper.find('[data-testid="publish-product-errors"]')
    expect(alert.text()).toContain('企业规模')
    expect(alert.text()).toContain('融资金额')
  })

  it('after a directed application offers 数据授权 to that bank, preselected', async () => {
    const { wrapper, fetchMock } = await mountAs(
      'enterprise-staff',
      PublishPage,
      {
        ...base,
        'POST /api/v1/finance/demands': { id: 9, applicationId: 12, status: 'directed' },
        'GET /api/v1/consents': { items: [], scopes: [{ code: 'credit', zh: '信用画像' }] },
      },
      '/finance/publish?productId=1',
    )
    await fill(wrapper)
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="publish-directed"]').trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/finance/demands') && (i as RequestInit).method === 'POST')!
    expect(JSON.parse(String((post[1] as RequestInit).body))).toMatchObject({ amountFen: 30_000_000, productId: 1, purpose: '采购原材料' })
    const done = document.querySelector('[data-testid="publish-done"]')!
    expect(done.textContent).toContain('#12')
    expect(done.textContent).toContain('数据授权')
    document.querySelector<HTMLElement>('[data-testid="publish-grant"]')!.click()
    await flushPromises()
    expect(calledRoutes(fetchMock)).toContain('GET /api/v1/consents')
    const bank = document.querySelector('[data-testid="consent-dialog"] [data-testid="consent-form-bank"]')!
    expect(bank.closest('.el-select')!.textContent).toContain('工商银行焦作分行')
  })
})

// --- 我的需求 ---------------------------------------------------------------------------------------

/** The enterprise's own demand in the pool, past its 接单/响应 deadline. */
function demand(patch: Partial<Demand> = {}): Demand {
  return demandFixture({
    enterprise: { id: 1, name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U', regionCode: '410871', park: '' },
    amountFen: 80_000_000,
    termMonths: 24,
    purpose: '扩建生产线',
    urgency: 'normal',
    urgencyZh: '一般',
    guarantees: [],
    preferredBankIds: [],
    contactName: '张三',
    contactPhone: '13800001111',
    publishedAt: '2026-11-28T09:00:00+08:00',
    matchedProducts: [],
    clock: { step: 'claim_or_respond', stepZh: '接单/响应', deadline: '2026-12-01', overdue: true },
    ...patch,
  })
}

describe('我的需求', { timeout: 30_000 }, () => {
  it('shows amount in 万元, status, the clock with 超时, and withdraws only an open demand', async () => {
    const claimed = demand({ id: 5, status: 'claimed', statusZh: '已接单', claimedBy: { id: 15, name: '工商银行焦作分行' }, clock: null })
    const { wrapper } = await mountAs('enterprise-staff', DemandsPage, {
      'GET /api/v1/finance/demands': page([demand(), claimed]),
    })
    const rows = rowsOf(wrapper, 'demand-table')
    expect(rows[0].find('[data-testid="demand-amount"]').text()).toBe('80')
    expect(rows[0].find('[data-testid="demand-status"]').text()).toBe('待接单')
    expect(rows[0].find('[data-testid="demand-clock"]').text()).toContain('超时')
    expect(rows[0].find('[data-testid="demand-clock"]').text()).toContain('2026-12-01')
    expect(rows[0].find('[data-testid="demand-withdraw"]').exists()).toBe(true)
    expect(rows[1].text()).toContain('工商银行焦作分行')
    expect(rows[1].find('[data-testid="demand-withdraw"]').exists()).toBe(false)
    expect(rows[1].find('[data-testid="demand-application"]').exists()).toBe(true)
  })

  it('shows the server’s message when a bank claimed the demand meanwhile (409)', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', DemandsPage, {
      'GET /api/v1/finance/demands': page([demand()]),
      'POST /api/v1/finance/demands/4/withdraw': () =>
        json({ title: '操作冲突', status: 409, code: 'demand_taken', detail: '该需求已被银行接单，不能撤回。' }, 409),
    })
    confirm.mockResolvedValueOnce('confirm')
    await wrapper.find('[data-testid="demand-withdraw"]').trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[0][0])).toContain('80 万元')
    expect(error).toHaveBeenCalledWith('该需求已被银行接单，不能撤回。')
    expect(calledRoutes(fetchMock)).toEqual([
      'GET /api/v1/finance/demands',
      'POST /api/v1/finance/demands/4/withdraw',
      'GET /api/v1/finance/demands',
    ])
  })
})

// --- 申请详情 ---------------------------------------------------------------------------------------

function event(patch: Partial<TimelineEvent>): TimelineEvent {
  return {
    id: 1,
    command: 'submit',
    commandZh: '提交申请',
    fromState: null,
    toState: 'submitted',
    toStateZh: '已提交',
    actor: 'enterprise',
    organisation: '焦作市天宝桓祥科技有限公司',
    username: 'demo-enterprise-staff',
    at: '2026-11-28T09:00:00+08:00',
    note: '',
    detail: {},
    ...patch,
  }
}

/** A directed application of the enterprise, just submitted. */
function detail(patch: Partial<ApplicationDetail> = {}): ApplicationDetail {
  const at = '2026-11-28T09:00:00+08:00'
  const { consent: _bankSide, ...app } = applicationFixture({
    id: 3,
    demandId: 3,
    enterprise: { id: 1, name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U' },
    bank: { id: 15, name: '工商银行焦作分行' },
    product: { id: 5, name: '政采贷' },
    source: 'directed',
    sourceZh: '定向申请',
    state: 'submitted',
    stateZh: '已提交',
    purpose: '支付工资',
    requestedFen: 20_000_000,
    requestedTermMonths: 6,
    decisionWorkdays: 2,
    createdAt: at,
    updatedAt: at,
    clock: null,
    timeline: [event({})],
    allowedCommands: [],
  })
  return { ...app, ...patch }
}

describe('申请详情', { timeout: 30_000 }, () => {
  it('puts each rejection reason with how to improve and the responsible department up front', async () => {
    const rejected = detail({
      state: 'rejected',
      stateZh: '已拒绝',
      timeline: [
        event({}),
        event({
          id: 2,
          command: 'reject',
          commandZh: '拒绝',
          toState: 'rejected',
          toStateZh: '已拒绝',
          actor: 'bank',
          organisation: '工商银行焦作分行',
          username: 'demo-bank-officer',
          note: '纳税信用M级',
          detail: {
            reasons: [
              { code: 'R01', zh: '纳税信用等级不足', remedy: '按期申报、足额缴纳后申请纳税信用修复', department: '税务局', fixable: true },
            ],
          },
        }),
      ],
    })
    const { wrapper } = await mountAs('enterprise-staff', ApplicationPage, { 'GET /api/v1/finance/applications/3': rejected }, '/x', { id: 3 })
    const card = wrapper.find('[data-testid="app-rejection"]')
    for (const text of ['纳税信用等级不足', '如何改进', '按期申报、足额缴纳后申请纳税信用修复', '责任部门', '税务局', '纳税信用M级']) expect(card.text()).toContain(text)
    const events = wrapper.findAll('[data-testid="app-event"]')
    expect(events).toHaveLength(2)
    expect(events[1].text()).toContain('工商银行焦作分行 · demo-bank-officer')
    expect(events[1].text()).toContain('税务局')
    expect(wrapper.find('[data-testid="app-withdraw"]').exists()).toBe(false)
  })

  it('shows the approved terms in 万元 and %', async () => {
    const approved = detail({ state: 'disbursed', stateZh: '已放款', approvedFen: 60_000_000, disbursedFen: 30_000_000, rateBp: 410, termMonths: 24, offerValidUntil: '2027-01-31' })
    const { wrapper } = await mountAs('gov-viewer', ApplicationPage, { 'GET /api/v1/finance/applications/3': approved }, '/x', { id: 3 })
    expect(wrapper.find('[data-testid="app-requested"]').text()).toBe('20 万元')
    expect(wrapper.find('[data-testid="app-approved"]').text()).toBe('60 万元')
    expect(wrapper.find('[data-testid="app-disbursed"]').text()).toBe('30 万元')
    expect(wrapper.find('[data-testid="app-rate"]').text()).toBe('4.10%')
    expect(wrapper.find('[data-testid="app-facts"]').text()).toContain('2027-01-31')
    // Read-only for the government: no commands, no consent link.
    expect(wrapper.find('[data-testid="app-withdraw"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="app-consents"]').exists()).toBe(false)
  })

  it('shows what the bank asked for and reports the materials as supplied', async () => {
    let state: 'materials_requested' | 'accepted' = 'materials_requested'
    const asking = () =>
      detail({
        state,
        stateZh: state === 'accepted' ? '已受理' : '补充材料',
        timeline: [
          event({}),
          event({ id: 2, command: 'request_materials', commandZh: '要求补充材料', actor: 'bank', note: '请补充近6个月银行流水' }),
        ],
        allowedCommands:
          state === 'materials_requested'
            ? [
                { code: 'submit_materials', zh: '补充材料' },
                { code: 'withdraw', zh: '撤回' },
              ]
            : [{ code: 'withdraw', zh: '撤回' }],
      })
    const { wrapper, fetchMock } = await mountAs(
      'enterprise-staff',
      ApplicationPage,
      {
        'GET /api/v1/finance/applications/3': () => json(asking()),
        'POST /api/v1/finance/applications/3/materials': () => {
          state = 'accepted'
          return json(asking())
        },
      },
      '/x',
      { id: 3 },
    )
    expect(wrapper.find('[data-testid="app-materials-note"]').text()).toContain('请补充近6个月银行流水')
    prompt.mockResolvedValueOnce({ value: '已上传流水', action: 'confirm' })
    await wrapper.find('[data-testid="app-materials"]').trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/materials'))!
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({ note: '已上传流水' })
    expect(wrapper.find('[data-testid="app-materials-note"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="app-materials"]').exists()).toBe(false)
  })

  it('withdraws with the optional note after confirmation, and shows a 409 in Chinese', async () => {
    const { wrapper, fetchMock } = await mountAs(
      'enterprise-staff',
      ApplicationPage,
      {
        'GET /api/v1/finance/applications/3': detail({ allowedCommands: [{ code: 'withdraw', zh: '撤回' }] }),
        'POST /api/v1/finance/applications/3/withdraw': () =>
          json({ title: '操作冲突', status: 409, code: 'illegal_transition', detail: '银行已作出决定，不能撤回。' }, 409),
      },
      '/x',
      { id: 3 },
    )
    prompt.mockResolvedValueOnce({ value: '', action: 'confirm' })
    await wrapper.find('[data-testid="app-withdraw"]').trigger('click')
    await flushPromises()
    expect(String(prompt.mock.calls[0][0])).toContain('工商银行焦作分行')
    const post = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/withdraw'))!
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({})
    expect(error).toHaveBeenCalledWith('银行已作出决定，不能撤回。')
  })
})
