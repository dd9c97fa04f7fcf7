// 新增 / 修改金融产品: the required fields say so in Chinese, the spec goes in fen and bp (POST for a
// new product, PUT for an existing one), and the server's field errors stand at their fields.
import { describe, expect, it, vi } from 'vitest'
import { calledRoutes, json, invalid } from '@/test/fixtures'
import { byTestId, clickOn, mountDialog, settle, stubMessages, typeInto } from '@/test/mount'
import { formToSpec, productToForm } from './bank'
import { CATALOGUE, productFixture } from './fixtures'
import ProductDialog from './ProductDialog.vue'

stubMessages({ toasts: true })

const dialog = () => byTestId('product-dialog')!
const save = () => clickOn(byTestId('product-dialog-save'))
const open = (product: unknown, api: NonNullable<Parameters<typeof mountDialog>[1]>['api'] = {}) =>
  mountDialog(ProductDialog, { role: 'bank-manager', api, props: { product, catalogue: CATALOGUE } })

describe('产品表单', () => {
  it('a new product: shows the sections and fields, and names each missing required field in Chinese', async () => {
    const { fetchMock } = await open(null)
    const text = dialog().textContent!
    expect(text).toContain('新增产品')
    for (const label of ['产品名称', '产品类型', '额度（万元）', '期限（月）', '利率方式', '还款方式', '担保方式', '准入条件']) {
      expect(text).toContain(label)
    }
    await save()
    await vi.waitFor(() => {
      for (const message of ['请填写产品名称', '请选择产品类型', '请填写最低金额', '请至少选择一种还款方式', '请至少选择一种担保方式']) {
        expect(dialog().textContent).toContain(message)
      }
    })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('an existing product: filled in, saved with PUT as its spec, then closed with the saved product', async () => {
    const product = productFixture({ id: 2, name: '科创贷', status: 'draft', statusZh: '草稿' })
    const bodies: unknown[] = []
    const { wrapper, fetchMock } = await open(product, {
      'PUT /api/v1/finance/products/2': (_u, init) => (bodies.push(JSON.parse(String(init.body))), json({ ...product, name: '科创贷二期' })),
    })
    const name = byTestId<HTMLInputElement>('product-form-name')!
    expect(name.value).toBe('科创贷')
    expect(dialog().textContent).toContain('修改产品 · 科创贷')
    await typeInto(name, '科创贷二期')
    await save()
    expect(calledRoutes(fetchMock)).toEqual(['PUT /api/v1/finance/products/2'])
    expect(bodies).toEqual([formToSpec({ ...productToForm(product), name: '科创贷二期' })])
    expect(wrapper.emitted('saved')).toEqual([[{ ...product, name: '科创贷二期' }]])
    expect(wrapper.emitted('update:modelValue')).toContainEqual([false])
  })

  it('shows the server’s 422 field errors at their fields and stays open', async () => {
    const product = productFixture({ id: 2, status: 'draft', statusZh: '草稿' })
    const { wrapper } = await open(product, {
      'PUT /api/v1/finance/products/2': () =>
        invalid([{ field: 'rules.minTaxGrade', message: '纳税信用等级应为 A、B、M、C、D 之一。' }]),
    })
    await save()
    await settle()
    const item = byTestId('product-form-tax-grade')!.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('纳税信用等级应为')
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
