import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import { mount } from '@vue/test-utils'
import { ElTableColumn } from 'element-plus'
import DictColumn from './DictColumn.vue'
import ListTable from './ListTable.vue'

const rows = [
  { id: 1, status: 'active', kind: 'bank' },
  { id: 2, status: 'disabled', kind: 'park' },
]

/** A list table with a plain column and two dictionary columns, as the pages write them. */
const Table = () =>
  h(ListTable, { data: rows, 'data-testid': 't' }, () => [
    h(ElTableColumn, { label: '编号', prop: 'id' }),
    h(DictColumn, { label: '类型', dict: 'org_kind', field: 'kind', width: '110' }),
    h(DictColumn, { label: '状态', dict: 'org_status', field: 'status', testid: 'org-status' }),
  ])

describe('DictColumn', () => {
  it('shows the row field as its dictionary tag, centred, in the place the column stands', async () => {
    const wrapper = mount(Table, { attachTo: document.body })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const headers = wrapper.findAll('.el-table__header th').map((th) => th.text())
    expect(headers).toEqual(['编号', '类型', '状态'])
    const first = wrapper.findAll('.el-table__body tr')[0].findAll('td')
    expect(first[1].text()).toBe('银行')
    expect(first[1].classes()).toContain('is-center')
    expect(first[1].find('.el-tag').exists()).toBe(true)
    expect(first[1].find('[data-testid]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="org-status"]').map((s) => s.text())).toEqual(['正常', '停用'])
  })
})
