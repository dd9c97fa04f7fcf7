// 我的申请 (enterprise) and 申请处理 (bank): the applications with the state names of the dictionary,
// amounts in 万元, the state filter sent to GET /finance/applications, and a row opening its page.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { mountPage } from '@/test/mount'
import { applicationFixture } from './bank/fixtures'
import ApplicationsPage from './applications/index.vue'
import DealsPage from './bank/deals/index.vue'

const PAGE = {
  items: [
    applicationFixture({ id: 5, state: 'reviewing', requestedFen: 50_000_000 }),
    applicationFixture({ id: 6, state: 'disbursed', requestedFen: 3_000_000_000, approvedFen: 2_500_000_000, disbursedFen: 1_250_000_000, rateBp: 385 }),
  ],
  total: 2,
  page: 1,
  pageSize: 10,
}

const mountAs = (role: string, component: unknown, path: string) =>
  mountPage(component, { role, api: { 'GET /api/v1/finance/applications': PAGE }, path })

const rows = (w: ReturnType<typeof mount>, table: string) => w.findAll(`[data-testid="${table}"] .el-table__body tr`)

describe('我的申请', { timeout: 30_000 }, () => {
  it('lists the applications with state names and amounts in 万元, and opens one', async () => {
    const { wrapper, fetchMock, router } = await mountAs('enterprise-staff', ApplicationsPage, '/finance/applications')
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/finance/applications?page=1&pageSize=10')
    expect(wrapper.findAll('[data-testid="application-state"]').map((s) => s.text())).toEqual(['审批中', '已放款'])
    expect(wrapper.findAll('[data-testid="application-requested"]').map((s) => s.text())).toEqual(['50', '3000'])
    const second = rows(wrapper, 'application-table')[1].text()
    for (const text of ['2500', '1250', '3.85%']) expect(second).toContain(text)

    await rows(wrapper, 'application-table')[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/finance/applications/5')
  })

  it('offers every state of the dictionary as a filter', async () => {
    const { wrapper } = await mountAs('enterprise-staff', ApplicationsPage, '/finance/applications')
    await wrapper.find('[data-testid="application-search-state"] .el-select__wrapper').trigger('click')
    await flushPromises()
    const options = [...document.body.querySelectorAll('.el-select-dropdown__item')]
      .map((o) => o.textContent?.trim())
      .filter((t) => !t?.endsWith('/page')) // the page-size choices of <Pagination>
    expect(options).toEqual(['已提交', '已受理', '补充材料', '审批中', '已授信', '已拒绝', '已签约', '已放款', '已结清', '逾期', '已撤回', '已失效'])
  })
})

describe('申请处理', { timeout: 30_000 }, () => {
  it('filters by the demand of the link, and 重置 drops it from the query and the URL', async () => {
    const { wrapper, fetchMock, router } = await mountAs('bank-officer', DealsPage, '/finance/deals?demandId=4')
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/finance/applications?demandId=4&page=1&pageSize=10')
    expect(wrapper.findAll('[data-testid="deal-state"]').map((s) => s.text())).toEqual(['审批中', '已放款'])
    expect(wrapper.findAll('[data-testid="deal-enterprise"]')[0].text()).toContain('焦作市天宝桓祥科技有限公司')

    const reset = wrapper.findAll('button').find((b) => b.text() === '重置')!
    await reset.trigger('click')
    await flushPromises()
    expect(String(fetchMock.mock.calls.at(-1)![0])).toBe('/api/v1/finance/applications?page=1&pageSize=10')
    expect(router.currentRoute.value.query).toEqual({})

    await wrapper.findAll('[data-testid="deal-open"]')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/finance/deals/6')
  })
})
