import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useUserStore } from '@/stores/user'
import { stubMessages } from '@/test/mount'
import { calledRoutes, json, meFor, stubApi, invalid } from '@/test/fixtures'
import { CATALOGUE, applicationFixture, demandFixture, productFixture } from './fixtures'

import ProductsPage from './products/index.vue'
import OpportunitiesPage from './opportunities/index.vue'
import DealPage from './deal/index.vue'

const { confirm } = stubMessages()

/** Element Plus shows a form item's error 100 ms after it is set. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150)).then(flushPromises)

const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 10 })

async function mountAs(component: unknown, routes: Parameters<typeof stubApi>[0], path = '/finance') {
  const pinia = createPinia()
  setActivePinia(pinia)
  useUserStore().set(meFor('bank-manager', 'csrf-bank'))
  const fetchMock = stubApi(routes)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/finance/deals/:id', component: component as never },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(component as never, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, fetchMock, router }
}

const rowsOf = (wrapper: ReturnType<typeof mount>, testId: string) => wrapper.find(`[data-testid="${testId}"]`).findAll('.el-table__body tr')

describe('产品管理', { timeout: 60_000 }, () => {
  const DRAFT = productFixture({ id: 2, name: '科创贷', status: 'draft', statusZh: '草稿' })
  const LIVE = productFixture({ id: 1, status: 'published', statusZh: '已上架' })

  it('lists only the bank’s own products with status, 万元 ranges and the rate; a published one offers 下架 only', async () => {
    const { wrapper, fetchMock } = await mountAs(ProductsPage, {
      'GET /api/v1/finance/catalogue': CATALOGUE,
      'GET /api/v1/finance/products': page([DRAFT, LIVE]),
    })
    const listCall = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://x')).find((u) => u.pathname.endsWith('/products'))!
    expect(listCall.searchParams.get('bankId')).toBe('3')
    const rows = rowsOf(wrapper, 'bank-products-table')
    expect(rows).toHaveLength(2)
    for (const text of [
      '科创贷',
      '10 ～ 300 万元',
      '3 ～ 12 个月',
      'LPR + 45 ～ 150 bp（现 3.45% ～ 4.50%）',
    ]) expect(rows[0].text()).toContain(text)
    expect(rows[0].find('[data-testid="bank-product-status"]').text()).toBe('草稿')
    expect(rows[1].find('[data-testid="bank-product-status"]').text()).toBe('已上架')
    expect(rows[0].find('[data-testid="bank-product-publish"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="bank-product-withdraw"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="bank-product-edit"]').exists()).toBe(false)
  })

  it('publishes after a confirmation and refreshes', async () => {
    let published = false
    const { wrapper, fetchMock } = await mountAs(ProductsPage, {
      'GET /api/v1/finance/catalogue': CATALOGUE,
      'GET /api/v1/finance/products': () => json(page([published ? { ...DRAFT, status: 'published', statusZh: '已上架' } : DRAFT])),
      'POST /api/v1/finance/products/2/publish': () => {
        published = true
        return json({ ...DRAFT, status: 'published' })
      },
    })
    confirm.mockResolvedValueOnce('confirm')
    await rowsOf(wrapper, 'bank-products-table')[0].find('[data-testid="bank-product-publish"]').trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[0][0])).toContain('科创贷')
    expect(calledRoutes(fetchMock)).toContain('POST /api/v1/finance/products/2/publish')
    expect(rowsOf(wrapper, 'bank-products-table')[0].find('[data-testid="bank-product-status"]').text()).toBe('已上架')
  })

  it('saves the dialog as fen and bp and shows a 422 at its field; a 409 product_published says to 下架 first', async () => {
    const bodies: unknown[] = []
    let call = 0
    const { wrapper } = await mountAs(ProductsPage, {
      'GET /api/v1/finance/catalogue': CATALOGUE,
      'GET /api/v1/finance/products': page([DRAFT]),
      'PUT /api/v1/finance/products/2': (_u, init) => {
        bodies.push(JSON.parse(String(init.body)))
        return ++call === 1
          ? invalid([{ field: 'rules.minTaxGrade', message: '纳税信用等级应为 A、B、M、C 或 D。' }])
          : json({ title: '状态冲突', status: 409, code: 'product_published', detail: '产品已上架，请先下架再修改。' }, 409)
      },
    })
    await rowsOf(wrapper, 'bank-products-table')[0].find('[data-testid="bank-product-edit"]').trigger('click')
    await flushPromises()
    const dialog = () => document.querySelector<HTMLElement>('[data-testid="product-dialog"]')!
    expect(dialog().querySelector('[data-testid="product-form-effective"]')!.textContent).toContain('3.45% ～ 4.50%')
    dialog().querySelector<HTMLButtonElement>('[data-testid="product-dialog-save"]')!.click()
    await flushPromises()
    expect(bodies[0]).toMatchObject({ minAmountFen: 10_000_000, maxAmountFen: 300_000_000, rateKind: 'lpr', minRateBp: 45, maxRateBp: 150 })
    expect((bodies[0] as { rules: { minTaxPaid12mFen: number } }).rules.minTaxPaid12mFen).toBe(5_000_000)
    await settle()
    expect(dialog().textContent).toContain('纳税信用等级应为 A、B、M、C 或 D。')
    dialog().querySelector<HTMLButtonElement>('[data-testid="product-dialog-save"]')!.click()
    await flushPromises()
    expect(dialog().querySelector('[data-testid="product-dialog-problem"]')!.textContent).toContain('下架')
  })
})

describe('商机', { timeout: 20_000 }, () => {
  it('shows the matched products, 万元, the clock and the preferred-bank mark', async () => {
    const { wrapper, fetchMock } = await mountAs(OpportunitiesPage, {
      'GET /api/v1/finance/demands': page([
        demandFixture(),
        demandFixture({ id: 5, preferredBankIds: [], clock: { step: 'claim_or_respond', stepZh: '接单/响应', deadline: '2026-11-20', overdue: true } }),
      ]),
    })
    expect(new URL(String(fetchMock.mock.calls[0][0]), 'http://x').searchParams.get('view')).toBe('opportunities')
    const rows = rowsOf(wrapper, 'opportunities-table')
    expect(rows[0].find('[data-testid="opportunity-amount"]').text()).toBe('200')
    expect(rows[0].find('[data-testid="opportunity-matched"]').text()).toContain('税易贷')
    expect(rows[0].text()).toContain('2026-12-01')
    expect(rows[0].find('[data-testid="opportunity-preferred"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="opportunity-preferred"]').exists()).toBe(false)
    expect(rows[1].find('[data-testid="opportunity-overdue"]').text()).toBe('超时')
  })

  it('claims after confirmation and opens the new application', async () => {
    const { wrapper, router } = await mountAs(OpportunitiesPage, {
      'GET /api/v1/finance/demands': page([demandFixture()]),
      'POST /api/v1/finance/demands/4/claim': applicationFixture({ id: 9 }),
    })
    confirm.mockResolvedValueOnce('confirm')
    await rowsOf(wrapper, 'opportunities-table')[0].find('[data-testid="opportunity-claim"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/finance/deals/9')
  })

  it('on 409 demand_taken shows the server’s message and refreshes', async () => {
    let taken = false
    const { wrapper, fetchMock, router } = await mountAs(OpportunitiesPage, {
      'GET /api/v1/finance/demands': () => json(page(taken ? [] : [demandFixture()])),
      'POST /api/v1/finance/demands/4/claim': () => {
        taken = true
        return json({ title: '状态冲突', status: 409, code: 'demand_taken', detail: '该需求已被其他银行接单。' }, 409)
      },
    })
    confirm.mockResolvedValueOnce('confirm')
    await rowsOf(wrapper, 'opportunities-table')[0].find('[data-testid="opportunity-claim"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual([
      'GET /api/v1/finance/demands',
      'POST /api/v1/finance/demands/4/claim',
      'GET /api/v1/finance/demands',
    ])
    expect(document.body.textContent).toContain('该需求已被其他银行接单。')
    expect(rowsOf(wrapper, 'opportunities-table')).toHaveLength(0)
    expect(router.currentRoute.value.path).toBe('/finance')
  })
})

describe('办理申请', { timeout: 20_000 }, () => {
  it('shows the facts, the clock, the timeline and a button only for each allowed command; no consent → a note', async () => {
    const { wrapper } = await mountAs(
      DealPage,
      {
        'GET /api/v1/finance/applications/5': applicationFixture(),
        'GET /api/v1/finance/catalogue': CATALOGUE,
      },
      '/finance/deals/5',
    )
    expect(wrapper.find('[data-testid="deal-facts"]').text()).toContain('50 万元')
    expect(wrapper.find('[data-testid="deal-clock"]').text()).toContain('审批决定，2026-12-04 前')
    const buttons = wrapper.find('[data-testid="deal-commands"]').findAll('button').map((b) => b.text())
    expect(buttons).toEqual(['授信', '拒绝'])
    expect(wrapper.find('[data-testid="deal-timeline"]').text()).toContain('已电话联系企业')
    expect(wrapper.find('[data-testid="deal-credit-link"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="deal-no-consent"]').text()).toContain('尚未向本行授权')
  })

  it('links to the credit profile under a live consent, and shows reject reasons with remedy and department', async () => {
    const reasons = [CATALOGUE.reasons[0]]
    const app = applicationFixture({
      consent: { credit: true, profile: false },
      state: 'rejected',
      allowedCommands: [],
      timeline: [
        ...applicationFixture().timeline,
        {
          id: 3, command: 'reject', commandZh: '拒绝', fromState: 'reviewing', toState: 'rejected', toStateZh: '已拒绝', actor: 'bank',
          organisation: '工商银行焦作分行', username: 'demo-bank-officer', at: '2026-11-28T06:00:00+08:00', note: '纳税信用C级', detail: { reasons },
        },
      ],
    })
    const { wrapper } = await mountAs(
      DealPage,
      { 'GET /api/v1/finance/applications/5': app, 'GET /api/v1/finance/catalogue': CATALOGUE },
      '/finance/deals/5',
    )
    expect(wrapper.find('[data-testid="deal-credit-link"]').attributes('href')).toBe('/credit/enterprises/7')
    const reject = wrapper.find('[data-testid="deal-reject-reasons"]').text()
    for (const text of ['R01 纳税信用等级不足', '按期申报、足额缴纳后申请纳税信用修复', '税务局']) expect(reject).toContain(text)
    expect(wrapper.find('[data-testid="deal-no-commands"]').exists()).toBe(true)
  })

  it('授信 sends fen and bp; the server’s 422 stands at its field', async () => {
    const bodies: unknown[] = []
    const { wrapper } = await mountAs(
      DealPage,
      {
        'GET /api/v1/finance/applications/5': applicationFixture(),
        'GET /api/v1/finance/catalogue': CATALOGUE,
        'POST /api/v1/finance/applications/5/commands': (_u, init) => {
          bodies.push(JSON.parse(String(init.body)))
          return json({ title: '内容校验未通过', status: 422, errors: [{ field: 'validUntil', message: '授信有效期应不早于今天。' }] }, 422)
        },
      },
      '/finance/deals/5',
    )
    await wrapper.find('[data-testid="deal-command-approve"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector<HTMLElement>('[data-testid="command-dialog"]')!
    expect(dialog.querySelector<HTMLInputElement>('[data-testid="command-amount"] input')!.value).toBe('50.00')
    expect(dialog.querySelector('[data-testid="command-note"]')).toBeNull()
    expect(dialog.querySelector('[data-testid="command-reasons"]')).toBeNull()
    const rate = dialog.querySelector<HTMLInputElement>('[data-testid="command-rate"] input')!
    rate.value = '3.85'
    rate.dispatchEvent(new Event('input'))
    rate.dispatchEvent(new Event('change'))
    const picker = wrapper.findComponent({ name: 'FinanceCommandDialog' }).findComponent({ name: 'ElDatePicker' })
    picker.vm.$emit('update:modelValue', '2099-12-31')
    await flushPromises()
    dialog.querySelector<HTMLButtonElement>('[data-testid="command-submit"]')!.click()
    await flushPromises()
    expect(bodies).toEqual([{ command: 'approve', amountFen: 50_000_000, rateBp: 385, termMonths: 12, validUntil: '2099-12-31' }])
    await settle()
    expect(dialog.textContent).toContain('授信有效期应不早于今天。')
  })
})
