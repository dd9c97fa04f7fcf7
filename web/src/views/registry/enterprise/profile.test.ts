import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Enterprise, EnterpriseFacts } from '@/api/registry'
import { calledRoutes, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import Profile from './profile/index.vue'

const ENTERPRISE: Enterprise = {
  id: 11,
  uscc: '91410800MA44ABCD1X',
  name: '焦作市天宝桓祥科技有限公司',
  formerNames: [{ name: '焦作市天宝科技有限公司', until: '2020-06-30' }],
  entityType: '有限责任公司（自然人投资或控股）',
  status: 'operating',
  legalRepresentative: '张*明',
  registeredCapitalFen: 500_000_000,
  establishedOn: '2016-05-20',
  address: '焦作市示范区神州路 1 号',
  regionCode: '410871',
  regionName: '示范区',
  industrySection: 'C',
  industryDivision: '35',
  industryName: '专用设备制造业',
  parkId: 9,
  parkName: '焦作高新区创业园',
  employees: 86,
  annualRevenueFen: 1_234_567_800,
  totalAssetsFen: null,
  sizeClass: 'small',
  sizeRule: { standard: '工信部联企业〔2011〕300号', industry: '工业', reason: '从业人员 20 人及以上，且营业收入 300 万元及以上（工业）' },
  contactName: '李四',
  contactMobile: '138****5678',
  updatedAt: '2026-04-01T09:00:00+08:00',
}

const FACTS: EnterpriseFacts = {
  categories: [
    {
      code: 'tax',
      name: '纳税信息',
      facts: [
        {
          id: 1,
          key: '91410800MA44ABCD1X|2026-03',
          factDate: '2026-03-31',
          values: { period: '2026-03', taxPaid: 12_345_600, credit: 'A', extra: 'x' },
          provider: { id: 4, name: '焦作市税务局' },
          batchId: 42,
          rowNumber: 7,
          receivedAt: '2026-04-03T10:00:00+08:00',
        },
      ],
    },
    { code: 'penalty', name: '行政处罚', facts: [] },
  ],
}

const CATALOGUE = {
  items: [
    {
      code: 'tax',
      name: '纳税信息',
      frequency: 'monthly',
      keyFields: ['uscc', 'period'],
      dateField: 'period',
      fields: [
        { key: 'uscc', name: '统一社会信用代码', aliases: [], type: 'uscc', required: true, unit: null, dictionary: null, description: null, values: null },
        { key: 'period', name: '所属期', aliases: [], type: 'month', required: true, unit: null, dictionary: null, description: null, values: null },
        { key: 'taxPaid', name: '实缴税额', aliases: [], type: 'amount', required: true, unit: null, dictionary: null, description: null, values: null },
        { key: 'credit', name: '纳税信用等级', aliases: [], type: 'enum', required: false, unit: null, dictionary: null, description: null, values: [{ code: 'A', name: 'A级' }] },
      ],
    },
  ],
}

const HISTORY = {
  items: [
    {
      category: 'registration',
      categoryName: '登记信息',
      key: '91410800MA44ABCD1X',
      field: 'name',
      fieldName: '企业名称',
      before: '焦作市天宝科技有限公司',
      after: '焦作市天宝桓祥科技有限公司',
      validFrom: '2020-07-01',
      recordedAt: '2026-04-03T10:00:00+08:00',
      provider: { id: 3, name: '焦作市市场监督管理局' },
      batchId: 40,
    },
  ],
  total: 1,
  page: 1,
  pageSize: 20,
}

const mountAs = async (role: string) =>
  (await mountPage(Profile, { role, path: '/registry/enterprises/11', props: { id: 11 } })).wrapper

async function openTab(wrapper: ReturnType<typeof mount>, name: string) {
  ;(wrapper.vm as unknown as { activeTab: string }).activeTab = name
  await flushPromises()
  await flushPromises()
}

beforeEach(() => setActivePinia(createPinia()))

// Mounting Element Plus tabs and tables is slow on a busy machine; the 5 s default is too tight.
describe('企业档案', { timeout: 20_000 }, () => {
  it('shows 基本信息 with tags, amounts in 万元, former names and the 划型依据', async () => {
    const fetchMock = stubApi({ 'GET /api/v1/enterprises/11': ENTERPRISE })
    const wrapper = await mountAs('gov-officer')
    // Only 基本信息 is read until another tab is opened (each read is audited); the
    // public catalogue is read for the names of codes.
    expect(calledRoutes(fetchMock).filter((r) => r.includes('/enterprises/'))).toEqual(['GET /api/v1/enterprises/11'])

    expect(wrapper.get('[data-testid="enterprise-profile-name"]').text()).toBe('焦作市天宝桓祥科技有限公司')
    expect(wrapper.get('[data-testid="enterprise-profile-uscc"]').text()).toBe('91410800MA44ABCD1X')
    const basic = wrapper.get('[data-testid="enterprise-basic"]').text()
    expect(basic).toContain('500.00')
    expect(basic).toContain('1234.57') // 营业收入 1 234 567 800 分
    for (const text of ['张*明', '示范区（410871）', 'C35 专用设备制造业', '存续（在业）']) expect(basic).toContain(text)
    expect(wrapper.get('[data-testid="enterprise-former-names"]').text()).toContain('焦作市天宝科技有限公司（使用至 2020-06-30）')
    expect(wrapper.get('[data-testid="enterprise-size"]').text()).toContain('小型')
    expect(wrapper.get('[data-testid="enterprise-size-reason"]').text()).toBe(
      '划型依据：从业人员 20 人及以上，且营业收入 300 万元及以上（工业）',
    )
  })

  it('names the 市场主体类型 code from the catalogue', async () => {
    const registration = {
      code: 'registration',
      name: '登记注册',
      frequency: 'on_change',
      keyFields: [],
      dateField: 'approvedOn',
      fields: [
        {
          key: 'entityType',
          name: '企业类型',
          aliases: [],
          type: 'enum',
          required: true,
          unit: null,
          dictionary: null,
          description: null,
          values: [{ code: 'limited_liability', name: '有限责任公司' }],
        },
      ],
    }
    const fetchMock = stubApi({
      'GET /api/v1/enterprises/11': { ...ENTERPRISE, entityType: 'limited_liability' },
      'GET /api/v1/collect/categories': { items: [...CATALOGUE.items, registration] },
    })
    const wrapper = await mountAs('gov-officer')
    const basic = wrapper.get('[data-testid="enterprise-basic"]').text()
    expect(basic).toContain('有限责任公司')
    expect(basic).not.toContain('limited_liability')
    // Opening 归集信息 does not read the catalogue a second time.
    await openTab(wrapper, 'facts')
    expect(calledRoutes(fetchMock).filter((r) => r.endsWith('/collect/categories'))).toHaveLength(1)
  })

  it('builds the 归集信息 columns from the catalogue and links batches for collect.read', async () => {
    stubApi({
      'GET /api/v1/enterprises/11': ENTERPRISE,
      'GET /api/v1/enterprises/11/facts': FACTS,
      'GET /api/v1/collect/categories': CATALOGUE,
    })
    const wrapper = await mountAs('gov-officer')
    await openTab(wrapper, 'facts')
    const facts = wrapper.get('[data-testid="enterprise-facts"]')
    const headers = facts.findAll('.el-table__header th').map((th) => th.text())
    expect(headers).toEqual(['所属期', '实缴税额（万元）', '纳税信用等级', 'extra', '来源部门', '批次号', '行号', '数据日期', '归集时间'])
    const row = facts.get('.el-table__body tr').text()
    for (const text of ['2026-03', '12.35', 'A级']) expect(row).toContain(text)
    expect(row).not.toContain('A（A级）') // names, not codes, when reading collected data
    for (const text of ['焦作市税务局', '2026-03-31', '2026-04-03 10:00:00']) expect(row).toContain(text)
    expect(facts.get('a[href="/collect/batches/42"]').text()).toBe('#42')
    expect(facts.text()).toContain('暂未归集该类数据')
  })

  it('shows batch numbers without links to users who cannot read batches, and the change history', async () => {
    stubApi({
      'GET /api/v1/enterprises/11': ENTERPRISE,
      'GET /api/v1/enterprises/11/facts': FACTS,
      'GET /api/v1/enterprises/11/history': HISTORY,
      'GET /api/v1/collect/categories': CATALOGUE,
    })
    const wrapper = await mountAs('enterprise-staff')
    await openTab(wrapper, 'facts')
    expect(wrapper.find('a[href="/collect/batches/42"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="enterprise-facts"]').text()).toContain('#42')

    await openTab(wrapper, 'history')
    const history = wrapper.get('[data-testid="enterprise-history"]')
    expect(history.findAll('.el-table__header th').map((th) => th.text())).toEqual([
      '数据类别',
      '字段',
      '变更前',
      '变更后',
      '原值归集日期',
      '记录时间',
      '来源部门',
      '批次号',
    ])
    const row = history.get('.el-table__body tr').text()
    for (const text of ['企业名称', '焦作市天宝科技有限公司', '焦作市天宝桓祥科技有限公司', '2020-07-01', '焦作市市场监督管理局', '#40']) expect(row).toContain(text)
    expect(history.find('a[href="/collect/batches/40"]').exists()).toBe(false)
  })
})
