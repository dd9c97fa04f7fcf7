import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { productFixture } from './fixtures'
import {
  COMMAND_FIELDS,
  buildCommand,
  checkCommand,
  effectiveRateText,
  emptyProductForm,
  formFieldErrors,
  formToSpec,
  initialCommandForm,
  productRateText,
  productToForm,
} from './bank'

describe('product form ↔ request body', () => {
  it('turns 万元 into fen, % into bp and keeps an LPR spread in bp', () => {
    const form = {
      ...emptyProductForm(),
      name: ' 科创贷 ',
      kind: 'credit',
      minAmountWan: 5,
      maxAmountWan: 100.5,
      minTermMonths: 6,
      maxTermMonths: 24,
      rateKind: 'fixed' as const,
      minRate: 3.5,
      maxRate: 4.85,
      repayment: ['equal_installment'],
      guarantees: ['credit', 'guarantee'],
      materials: ['营业执照', ' ', '财务报表'],
      approvalWorkdays: 7,
      industries: ['c35'],
      minTaxGrade: 'B',
      minTaxPaid12mWan: 12.34,
    }
    const spec = formToSpec(form)
    expect(spec).toMatchObject({
      name: '科创贷',
      minAmountFen: 5_000_000,
      maxAmountFen: 100_500_000,
      minRateBp: 350,
      maxRateBp: 485,
      materials: ['营业执照', '财务报表'],
      approvalWorkdays: 7,
    })
    expect(spec.rules).toEqual({
      regions: [],
      industries: ['C35'],
      sizeClasses: [],
      minYears: null,
      minTaxGrade: 'B',
      minTaxPaid12mFen: 12_340_000,
      minInsured: null,
      minCreditGrade: null,
      noDishonest: true,
      noSeriousIllegal: true,
    })
    expect(formToSpec({ ...form, rateKind: 'lpr', minRate: 45, maxRate: 150 })).toMatchObject({ rateKind: 'lpr', minRateBp: 45, maxRateBp: 150 })
  })

  it('fills the dialog from a product and gives the same body back', () => {
    const p = productFixture()
    const form = productToForm(p)
    expect(form).toMatchObject({ minAmountWan: 10, maxAmountWan: 300, rateKind: 'lpr', minRate: 45, maxRate: 150, minTaxPaid12mWan: 5 })
    const spec = formToSpec(form)
    expect(spec).toMatchObject({ minAmountFen: p.minAmountFen, maxAmountFen: p.maxAmountFen, minRateBp: 45, maxRateBp: 150 })
    expect(spec.rules).toEqual(p.rules)
    expect(productToForm(productFixture({ rateKind: 'fixed', minRateBp: 385, maxRateBp: 420 }))).toMatchObject({ minRate: 3.85, maxRate: 4.2 })
  })

  it('shows the effective annual rate an LPR spread gives today', () => {
    expect(effectiveRateText({ rateKind: 'lpr', minRate: 45, maxRate: 150 }, 300)).toBe('3.45% ～ 4.50%')
    expect(effectiveRateText({ rateKind: 'fixed', minRate: 3.5, maxRate: 4.8 }, 300)).toBe('3.50% ～ 4.80%')
    expect(effectiveRateText({ rateKind: 'lpr', minRate: 45, maxRate: 150 }, null)).toBe('')
    expect(effectiveRateText({ rateKind: 'lpr', minRate: undefined, maxRate: 150 }, 300)).toBe('')
    expect(productRateText(productFixture())).toBe('LPR + 45 ～ 150 bp（现 3.45% ～ 4.50%）')
    expect(productRateText(productFixture({ rateKind: 'fixed', effectiveRate: { minBp: 350, maxBp: 480, lprBp: null } }))).toBe(
      '年利率 3.50% ～ 4.80%',
    )
  })

  it('puts a 422 on `rules.regions[0]` at the 注册地区 item', () => {
    const err = new ApiError({
      title: '内容校验未通过',
      status: 422,
      errors: [
        { field: 'rules.regions[0]', message: '“X”不是行政区划代码前缀。' },
        { field: 'rules.minTaxGrade', message: '纳税信用等级应为 A、B、M、C 或 D。' },
      ],
    })
    const errors = formFieldErrors(err)
    expect(errors['rules.regions']).toBe('“X”不是行政区划代码前缀。')
    expect(errors['rules.minTaxGrade']).toBe('纳税信用等级应为 A、B、M、C 或 D。')
  })
})

describe('bank commands', () => {
  const app = { requestedFen: 50_000_000, requestedTermMonths: 12, approvedFen: 90_000_000, disbursedFen: 50_000_000 }
  const today = '2026-11-28'

  it('asks each command for exactly its fields', () => {
    expect(COMMAND_FIELDS).toEqual({
      accept: ['note'],
      request_materials: ['note'],
      start_review: [],
      approve: ['amount', 'rate', 'termMonths', 'validUntil'],
      reject: ['reasonCodes', 'note'],
      sign_contract: ['contractNo'],
      disburse: ['amount', 'onDate'],
      settle: ['onDate'],
      report_overdue: ['onDate'],
    })
  })

  it('starts 授信 with the requested amount and term, 放款 with what remains, dates with today', () => {
    expect(initialCommandForm('approve', app, today)).toMatchObject({ amountWan: 50, termMonths: 12 })
    expect(initialCommandForm('disburse', app, today)).toMatchObject({ amountWan: 40, onDate: today })
    expect(initialCommandForm('settle', app, today).onDate).toBe(today)
  })

  it('sends 授信 in fen and bp, and nothing a command does not take', () => {
    const form = { ...initialCommandForm('approve', app, today), ratePct: 3.85, validUntil: '2026-12-31', note: '不应发送', contractNo: 'X' }
    expect(buildCommand('approve', form)).toEqual({
      command: 'approve',
      amountFen: 50_000_000,
      rateBp: 385,
      termMonths: 12,
      validUntil: '2026-12-31',
    })
    expect(buildCommand('start_review', form)).toEqual({ command: 'start_review' })
    expect(buildCommand('reject', { ...form, reasonCodes: ['R01', 'R08'], note: ' 纳税信用C级 ' })).toEqual({
      command: 'reject',
      reasonCodes: ['R01', 'R08'],
      note: '纳税信用C级',
    })
    expect(buildCommand('disburse', { ...form, amountWan: 12.5, onDate: today })).toEqual({
      command: 'disburse',
      amountFen: 12_500_000,
      onDate: today,
    })
    expect(buildCommand('accept', { ...form, note: '' })).toEqual({ command: 'accept' })
  })

  it('refuses a 放款 over the remaining approval, a 拒绝 without reason or note, a future date', () => {
    const ctx = { remainingFen: 40_000_000, today }
    expect(checkCommand('disburse', { ...initialCommandForm('disburse', app, today), amountWan: 40.01 }, ctx).amount).toBe(
      '放款金额不能超过未放款的授信余额 40 万元',
    )
    expect(checkCommand('disburse', initialCommandForm('disburse', app, today), ctx)).toEqual({})
    expect(checkCommand('reject', initialCommandForm('reject', app, today), ctx)).toEqual({
      reasonCodes: '请至少选择一项拒绝原因',
      note: '请填写拒绝说明',
    })
    expect(checkCommand('request_materials', initialCommandForm('request_materials', app, today), ctx).note).toBe('请写明需要补充的材料')
    expect(checkCommand('accept', initialCommandForm('accept', app, today), ctx)).toEqual({})
    expect(checkCommand('settle', { ...initialCommandForm('settle', app, today), onDate: '2026-11-29' }, ctx).onDate).toBe('日期不能晚于今天')
    expect(checkCommand('approve', initialCommandForm('approve', app, today), ctx)).toEqual({
      rate: '年利率应在 0 到 36% 之间',
      validUntil: '请选择授信有效期',
    })
  })
})
