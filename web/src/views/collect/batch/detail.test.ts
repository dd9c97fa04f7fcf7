import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { batchFixture, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import Detail from './detail/index.vue'

const QUARANTINE = {
  items: [
    {
      rowNumber: 3,
      cells: { 统一社会信用代码: '9141X', 实缴税额: 'abc' },
      problems: [
        { column: '统一社会信用代码', value: '9141X', reason: '校验码错误' },
        { column: '实缴税额', value: 'abc', reason: '不是金额' },
      ],
    },
    { rowNumber: 8, cells: { 统一社会信用代码: '' }, problems: [{ column: '统一社会信用代码', value: '', reason: '必填' }] },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
}

const mountAs = async (role: string) =>
  (await mountPage(Detail, { role, path: '/collect/batches/43', props: { id: 43 } })).wrapper

beforeEach(() => setActivePinia(createPinia()))

// Mounting Element Plus tables is slow on a busy machine; the 5 s default is too tight.
describe('批次详情', { timeout: 20_000 }, () => {
  it('describes the batch, its unknown columns and origin, and groups quarantined problems by row', async () => {
    stubApi({
      'GET /api/v1/collect/batches/43': batchFixture({ id: 43, resubmitOf: 42, unknownColumns: ['备注', '经办人'] }),
      'GET /api/v1/collect/batches/43/quarantine': QUARANTINE,
    })
    const wrapper = await mountAs('provider-uploader')

    expect(wrapper.get('[data-testid="batch-resubmit-of"]').text()).toContain('本批次为 批次 #42 的重新提交')
    expect(wrapper.get('[data-testid="batch-unknown-columns"]').text()).toContain('以下列未识别，已忽略：备注、经办人')
    const info = wrapper.get('[data-testid="batch-info"]').text()
    for (const text of ['2026年3月 纳税&申报.csv', 'GB18030', 'abababababab…', '页面上传']) expect(info).toContain(text)

    const rows = wrapper.findAll('[data-testid="quarantine-table"] .el-table__body tr')
    expect(rows).toHaveLength(3)
    // The first row's 行号 spans its two problems.
    const firstCell = rows[0].find('td')
    expect(firstCell.text()).toBe('3')
    expect(firstCell.attributes('rowspan')).toBe('2')
    expect(rows[0].text()).toContain('校验码错误')
    expect(rows[1].text()).toContain('不是金额')
    expect(rows[1].text()).not.toContain('3')
    expect(rows[2].text()).toContain('（空）')

    expect(wrapper.find('[data-testid="batch-download-quarantine"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="batch-resubmit"]').exists()).toBe(true)
  })

  it('offers no resubmission without collect.submit', async () => {
    stubApi({
      'GET /api/v1/collect/batches/43': batchFixture({ id: 43 }),
      'GET /api/v1/collect/batches/43/quarantine': { items: [], total: 0, page: 1, pageSize: 20 },
    })
    const wrapper = await mountAs('gov-viewer')
    expect(wrapper.find('[data-testid="batch-resubmit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="batch-resubmit-of"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="batch-unknown-columns"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="quarantine-table"]').text()).toContain('本批次没有被隔离的行')
    expect(wrapper.find('[data-testid="quarantine-outside-scope"]').exists()).toBe(false)
  })

  it('tells a government body how many rows lie outside its region', async () => {
    stubApi({
      'GET /api/v1/collect/batches/43': batchFixture({ id: 43 }),
      'GET /api/v1/collect/batches/43/quarantine': { items: [], total: 0, page: 1, pageSize: 20, outsideScope: 3 },
    })
    const wrapper = await mountAs('gov-viewer')
    expect(wrapper.get('[data-testid="quarantine-outside-scope"]').text()).toContain('另有 3 行属于本辖区以外的企业')
  })
})
