// 数据目录 and 归集批次: the catalogue's categories with frequency and field-type names from the
// dictionary, and the batches list with its source names and the category filter sent to the API.
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Category } from '@/api/collect'
import { batchFixture, calledRoutes, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import CataloguePage from './catalogue/index.vue'
import BatchesPage from './batch/index.vue'

const field = (key: string, name: string, type: Category['fields'][number]['type'], unit: string | null = null) => ({
  key, name, aliases: [], type, required: key === 'uscc', unit, dictionary: null, description: null, values: null,
})

const CATEGORIES: Category[] = [
  {
    code: 'tax', name: '纳税', description: '按月报送的纳税信息', provider: '税务部门', frequency: 'monthly',
    keyFields: ['uscc', 'period'], dateField: 'period',
    fields: [field('uscc', '统一社会信用代码', 'uscc'), field('period', '所属期', 'month'), field('taxPaid', '实缴税额', 'amount', 'yuan')],
  },
  {
    code: 'honour', name: '资质荣誉', description: null, provider: '工信部门', frequency: 'yearly',
    keyFields: ['uscc'], dateField: null, fields: [field('uscc', '统一社会信用代码', 'uscc'), field('hightech', '高新技术企业', 'bool')],
  },
]

const mountAs = (role: string, component: unknown, api: Parameters<typeof stubApi>[0]) =>
  mountPage(component, { role, api, path: '/collect' })

describe('数据目录', { timeout: 30_000 }, () => {
  it('lists the categories with their frequency, and shows the chosen one’s fields with type names and units', async () => {
    const { wrapper } = await mountAs('gov-viewer', CataloguePage, { 'GET /api/v1/collect/categories': { items: CATEGORIES } })
    const cats = wrapper.findAll('[data-testid="catalogue-categories"] .el-table__body tr').map((r) => r.text())
    expect(cats[0]).toContain('纳税')
    expect(cats[0]).toContain('按月')
    expect(cats[1]).toContain('按年')
    const fields = () => wrapper.findAll('[data-testid="catalogue-field-table"] .el-table__body tr').map((r) => r.text())
    expect(fields()[1]).toContain('月份')
    expect(fields()[2]).toContain('金额')
    expect(fields()[2]).toContain('元')

    await wrapper.findAll('[data-testid="catalogue-categories"] .el-table__body tr')[1].trigger('click')
    await flushPromises()
    expect(fields()).toHaveLength(2)
    expect(fields()[1]).toContain('是否')
  })
})

describe('数据目录：报送部门', { timeout: 30_000 }, () => {
  const MARKET = { id: 4, name: '焦作市市场监督管理局' }
  const TAX = { id: 9, name: '国家税务总局焦作市税务局' }
  const withProviders = CATEGORIES.map((c) => ({ ...c, providers: c.code === 'tax' ? [TAX] : [MARKET], providersConfigured: false }))

  it('names the departments that submit each category; only the operator may change them', async () => {
    const viewer = await mountAs('gov-viewer', CataloguePage, { 'GET /api/v1/collect/categories': { items: withProviders } })
    expect(viewer.wrapper.find('[data-testid="catalogue-providers"]').text()).toBe(TAX.name)
    expect(viewer.wrapper.text()).toContain('按目录默认')
    expect(viewer.wrapper.find('[data-testid="catalogue-providers-edit"]').exists()).toBe(false)
    expect(viewer.wrapper.find('[data-testid="catalogue-template"]').attributes('href')).toBe('/api/v1/collect/categories/tax/template.xlsx')
    viewer.wrapper.unmount()

    let sent: unknown
    const { wrapper, fetchMock } = await mountAs('platform-admin', CataloguePage, {
      'GET /api/v1/collect/categories': { items: withProviders },
      'GET /api/v1/organisations': { items: [MARKET, TAX], total: 2, page: 1, pageSize: 100 },
      'PUT /api/v1/collect/categories/tax/providers': (_url: URL, init: RequestInit) => {
        sent = JSON.parse(String(init.body))
        const items = withProviders.map((c) => (c.code === 'tax' ? { ...c, providers: [MARKET, TAX], providersConfigured: true } : c))
        return new Response(JSON.stringify({ items }), { status: 200, headers: { 'Content-Type': 'application/json' } })
      },
    })
    await wrapper.find('[data-testid="catalogue-providers-edit"]').trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('[data-testid="catalogue-providers-dialog"]')!
    expect(dialog.textContent).toContain('设置「纳税」的报送部门')
    const ok = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s/g, '') === '确定') as HTMLButtonElement
    ok.click()
    await flushPromises()
    expect(calledRoutes(fetchMock)).toContain('PUT /api/v1/collect/categories/tax/providers')
    expect(sent).toEqual({ providers: [TAX.id] })
    expect(wrapper.find('[data-testid="catalogue-providers"]').text()).toBe(`${MARKET.name}、${TAX.name}`)
    expect(wrapper.text()).not.toContain('按目录默认')
  })
})

describe('归集批次', { timeout: 30_000 }, () => {
  it('shows the batches with source names, and filters by category from page 1', async () => {
    const { wrapper, fetchMock } = await mountAs('provider-uploader', BatchesPage, {
      'GET /api/v1/collect/batches': { items: [batchFixture(), batchFixture({ id: 43, source: 'api', rowsQuarantined: 0 })], total: 2, page: 1, pageSize: 20 },
      'GET /api/v1/collect/categories': { items: CATEGORIES },
    })
    const rows = wrapper.findAll('[data-testid="batch-table"] .el-table__body tr').map((r) => r.text())
    expect(rows[0]).toContain('#42')
    expect(rows[0]).toContain('页面上传')
    expect(rows[1]).toContain('接口')
    // A provider sees its own batches only: no provider filter, but it may upload.
    expect(wrapper.find('[data-testid="batch-search-provider"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="batch-upload"]').exists()).toBe(true)

    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', 'tax')
    await wrapper.find('form.search-form').trigger('submit')
    await flushPromises()
    expect(String(fetchMock.mock.calls.at(-1)![0])).toBe('/api/v1/collect/batches?category=tax&page=1&pageSize=20')
  })
})
