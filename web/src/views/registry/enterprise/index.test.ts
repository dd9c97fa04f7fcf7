import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { EnterpriseItem } from '@/api/registry'
import { calledRoutes, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import EnterprisePage from './index.vue'

const ITEMS: EnterpriseItem[] = [
  {
    id: 11,
    uscc: '91410800MA44ABCD1X',
    name: '焦作市天宝桓祥科技有限公司<script>',
    regionCode: '410871',
    regionName: '示范区',
    industrySection: 'C',
    industryDivision: '35',
    industryName: '专用设备制造业',
    sizeClass: 'small',
    status: 'operating',
    establishedOn: '2016-05-20',
    registeredCapitalFen: 500_000_000,
    parkId: 9,
    parkName: '焦作高新区创业园',
  },
  {
    id: 12,
    uscc: '91410800MA44ABCE2Y',
    name: '焦作市老厂',
    regionCode: '410871',
    regionName: '示范区',
    industrySection: 'F',
    industryDivision: null,
    industryName: null,
    sizeClass: null,
    status: 'revoked',
    establishedOn: null,
    registeredCapitalFen: null,
    parkId: null,
    parkName: null,
  },
]

const PARKS = {
  items: [{ id: 9, kind: 'park', name: '焦作高新区创业园', shortName: null, regionCode: '410871', parentId: null, uscc: null, disabled: false, createdAt: '2026-01-01T00:00:00+08:00' }],
  total: 1,
  page: 1,
  pageSize: 100,
}

const mountAs = async (role: string) => (await mountPage(EnterprisePage, { role, path: '/registry/enterprises' })).wrapper

const rowTexts = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('[data-testid="enterprise-table"] .el-table__body tr').map((tr) => tr.text())

beforeEach(() => setActivePinia(createPinia()))

// Mounting Element Plus tables is slow on a busy machine; the 5 s default is too tight.
describe('企业查询', { timeout: 20_000 }, () => {
  it('lists enterprises with amounts in 万元, dates, size and status names, names as text', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/enterprises': { items: ITEMS, total: 2, page: 1, pageSize: 20 },
      'GET /api/v1/organisations': PARKS,
    })
    const wrapper = await mountAs('gov-officer')

    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/enterprises?page=1&pageSize=20')
    const rows = rowTexts(wrapper)
    expect(rows[0]).toContain('焦作市天宝桓祥科技有限公司<script>')
    expect(wrapper.find('[data-testid="enterprise-table"] script').exists()).toBe(false)
    for (const text of ['91410800MA44ABCD1X', 'C35 专用设备制造业', '小型', '2016-05-20', '500.00']) expect(rows[0]).toContain(text)
    expect(rows[1]).toContain('F 批发和零售业')
    expect(wrapper.findAll('[data-testid="enterprise-status"]').map((s) => s.text())).toEqual(['存续（在业）', '吊销'])
    expect(wrapper.get('[data-testid="enterprise-name"]').attributes('href')).toBe('/registry/enterprises/11')

    // gov-officer: may export, reads organisations (parks filter, kind=park).
    expect(wrapper.find('[data-testid="enterprise-export"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprise-search-park"]').exists()).toBe(true)
    const orgCall = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/v1/organisations'))!
    expect(String(orgCall[0])).toBe('/api/v1/organisations?page=1&pageSize=100&kind=park')
    expect(wrapper.get('input[data-testid="enterprise-search-q"]').attributes('placeholder')).toBe(
      '企业名称、拼音、拼音首字母或统一社会信用代码',
    )
  })

  it('sends the filters and the sort, and exports with the same filters', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/enterprises': { items: ITEMS, total: 2, page: 1, pageSize: 20 },
      'GET /api/v1/organisations': PARKS,
      'GET /api/v1/enterprises/export': () =>
        new Response('PK', { headers: { 'Content-Disposition': 'attachment; filename="enterprises.xlsx"' } }),
    })
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    const wrapper = await mountAs('gov-admin')
    const vm = wrapper.vm as unknown as { query: Record<string, unknown>; handleQuery: () => void }
    Object.assign(vm.query, { q: ' tbhx ', industry: 'C', size: 'small', status: 'operating', park: 9, region: '410871' })
    await wrapper.get('[data-testid="enterprise-search"]').trigger('submit')
    await flushPromises()
    const list = fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/v1/enterprises?'))
    expect(list.at(-1)).toBe(
      '/api/v1/enterprises?page=1&pageSize=20&q=tbhx&region=410871&industry=C&size=small&status=operating&park=9',
    )

    // Sorting by 注册资本 asks the server (registeredCapital, desc).
    const table = wrapper.findComponent({ name: 'ElTable' })
    table.vm.$emit('sort-change', { prop: 'registeredCapitalFen', order: 'descending' })
    await flushPromises()
    expect(fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/v1/enterprises?')).at(-1)).toContain(
      '&sort=registeredCapital&order=desc',
    )

    await wrapper.get('[data-testid="enterprise-export"]').trigger('click')
    await flushPromises()
    const exportCall = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/v1/enterprises/export'))!
    expect(String(exportCall[0])).toBe(
      '/api/v1/enterprises/export?q=tbhx&region=410871&industry=C&size=small&status=operating&park=9&sort=registeredCapital&order=desc',
    )
    expect((exportCall[1] as RequestInit).credentials).toBe('same-origin')
    expect(URL.createObjectURL).toHaveBeenCalled()
  })

  it('hides export and the park filter without their permissions, and explains an empty list to a bank', async () => {
    const fetchMock = stubApi({ 'GET /api/v1/enterprises': { items: [], total: 0, page: 1, pageSize: 20 } })
    const wrapper = await mountAs('bank-officer')
    expect(wrapper.find('[data-testid="enterprise-export"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="enterprise-search-park"]').exists()).toBe(false)
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/enterprises'])
    expect(wrapper.get('[data-testid="enterprise-table"]').text()).toContain('企业授权后方可查看')
  })
})
