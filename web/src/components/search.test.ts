import { describe, expect, it } from 'vitest'
import { h, nextTick, reactive, type Component } from 'vue'
import { mount } from '@vue/test-utils'
import SearchForm from './SearchForm.vue'
import SearchInput from './SearchInput.vue'
import SearchSelect from './SearchSelect.vue'
import { byTestId } from '@/test/mount'

// (Its props are generic in the value and the option: h() cannot infer them.)
const Select = SearchSelect as Component

/** A search form with the two kinds of filter, bound to `query` as a page binds them. */
function mountForm(query: { q: string; kind: string; park: number | undefined }) {
  const parks = [
    { id: 7, name: '高新区' },
    { id: 9, name: '示范区' },
  ]
  return mount(
    () =>
      h(SearchForm, { model: query }, () => [
        h(SearchInput, {
          label: '关键词',
          modelValue: query.q,
          'onUpdate:modelValue': (v: string | undefined) => (query.q = v ?? ''),
          placeholder: '企业名称',
          width: '340px',
          'data-testid': 'q',
        }),
        h(Select, {
          label: '类型',
          dict: 'org_kind',
          modelValue: query.kind,
          'onUpdate:modelValue': (v: string) => (query.kind = v),
          placeholder: '全部类型',
          'data-testid': 'kind',
        }),
        h(Select, {
          label: '园区',
          options: parks,
          labelKey: 'name',
          valueKey: 'id',
          optionLabel: (p: { id: number; name: string }) => `${p.name}（${p.id}）`,
          modelValue: query.park,
          'onUpdate:modelValue': (v: number | undefined) => (query.park = v),
          filterable: true,
          width: '150px',
          'data-testid': 'park',
        }),
      ]),
    { attachTo: document.body },
  )
}

describe('SearchInput and SearchSelect', () => {
  it('are labelled form items whose input and select take the other attributes', () => {
    const wrapper = mountForm(reactive({ q: '', kind: '', park: undefined }))
    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toEqual(['关键词', '类型', '园区'])
    const input = wrapper.find<HTMLInputElement>('input[data-testid="q"]')
    expect(input.attributes('placeholder')).toBe('企业名称')
    expect(wrapper.find('.el-input').attributes('style')).toContain('width: 340px')
    expect(wrapper.find('[data-testid="kind"]').classes()).toContain('el-select')
    expect(wrapper.find('[data-testid="park"]').attributes('style')).toContain('width: 150px')
  })

  it('bind the query both ways', async () => {
    const query = reactive({ q: '', kind: '', park: undefined as number | undefined })
    const wrapper = mountForm(query)
    await wrapper.find('input[data-testid="q"]').setValue('天宝')
    expect(query.q).toBe('天宝')

    // The dictionary's entries are the options, by label; picking one sets its value.
    await wrapper.find('[data-testid="kind"] .el-select__wrapper').trigger('click')
    // (The park select's options follow, shown by optionLabel.)
    const options = [...document.querySelectorAll('.el-select-dropdown__item')].map((o) => o.textContent)
    expect(options).toEqual(['平台运营方', '政府部门', '银行', '企业', '数据提供方', '园区载体', '高新区（7）', '示范区（9）'])
    ;(document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')[2]).click()
    await nextTick()
    expect(query.kind).toBe('bank')

    // Options given as records: shown by optionLabel, sent by valueKey.
    query.park = 9
    await nextTick()
    expect(byTestId('park')?.textContent).toContain('示范区（9）')
  })
})
