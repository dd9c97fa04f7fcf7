// 训练新版本: version and file are required (in Chinese), the CSV goes with version and title in
// the query, and the result (AUC/KS beside the active card) replaces the form.
import { describe, expect, it, vi } from 'vitest'
import { json } from '@/test/fixtures'
import { bodyText, byTestId, chooseFile, clickOn, mountDialog, stubMessages, typeInto } from '@/test/mount'
import { scorecardItem } from './fixtures'
import TrainDialog from './TrainDialog.vue'

stubMessages({ toasts: true })

const dialog = () => byTestId('scorecard-train-dialog')!
const submit = () => clickOn(byTestId('scorecard-train-submit'))
const CSV = '统一社会信用代码,观察日期,结果\n91410800171971661U,2026-06-30,结清\n'
const csvFile = () => new File([CSV], 'outcomes.csv', { type: 'text/csv' })

const RESULT = {
  scorecard: scorecardItem({ id: 4, version: 'woe-2026.12', status: 'candidate', method: 'woe_logistic' }),
  samples: 1200,
  skipped: ['第 5 行：统一社会信用代码无效'],
  development: { sample: 840, bads: 60, auc: 0.7812, ks: 0.4123 },
  validation: { sample: 360, bads: 25, auc: 0.7645, ks: 0.3987 },
  baseline: { sample: 360, bads: 25, auc: 0.7011, ks: 0.3302 },
  psi: 0.0321,
  dropped: [
    { feature: 'patents', zh: '专利数', reason: '信息值 0.0020 低于 0.02' },
    { feature: 'tax_paid_24m', zh: '近24个月纳税额', reason: '与“近12个月纳税额”共线（WoE 相关系数 0.93），回归系数非正（-0.120）' },
  ],
}

describe('训练新版本', () => {
  it('shows the version, name and file fields', async () => {
    await mountDialog(TrainDialog, { role: 'platform-admin' })
    const text = dialog().textContent!
    for (const label of ['版本号', '名称', '贷款结果文件']) expect(text).toContain(label)
    expect(dialog().querySelector('input[type="file"]')!.getAttribute('accept')).toBe('.csv,text/csv')
  })

  it('asks for the version and the file, in Chinese, before training', async () => {
    const { fetchMock } = await mountDialog(TrainDialog, { role: 'platform-admin', api: {} })
    await submit()
    await vi.waitFor(() => expect(dialog().textContent).toContain('请填写版本号'))
    expect(dialog().textContent).toContain('请选择贷款结果文件')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('sends the CSV with version and title, then shows the metrics beside the active card', async () => {
    const calls: { query: string; body: string }[] = []
    const { wrapper } = await mountDialog(TrainDialog, {
      role: 'platform-admin',
      api: {
        'POST /api/v1/credit/scorecards/train': async (url, init) => {
          calls.push({ query: url.search, body: await bodyText(init) })
          return json(RESULT, 201)
        },
      },
    })
    await typeInto(byTestId('scorecard-train-version'), 'woe-2026.12')
    await typeInto(dialog().querySelectorAll('input:not([type="file"])')[1], '四季度训练版')
    await chooseFile(dialog(), csvFile())
    await submit()
    expect(calls).toEqual([{ query: `?version=woe-2026.12&title=${encodeURIComponent('四季度训练版')}`, body: CSV }])
    expect(wrapper.emitted('registered')).toHaveLength(1)
    const result = byTestId('scorecard-train-result')!.textContent!
    for (const text of ['已登记待启用版本 woe-2026.12', '当前启用评分卡（同一验证样本）', '0.764']) expect(result).toContain(text)
    // Each feature left out, with the reason.
    const dropped = byTestId('scorecard-train-dropped')!.textContent!
    for (const text of ['未入模指标（2）', '专利数', '信息值 0.0020 低于 0.02', '与“近12个月纳税额”共线']) expect(result + dropped).toContain(text)
    // It stays open on the result until 完成.
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    await clickOn(byTestId('scorecard-train-close'))
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('shows the server’s refusal and keeps the form', async () => {
    const { wrapper } = await mountDialog(TrainDialog, {
      role: 'platform-admin',
      api: {
        'POST /api/v1/credit/scorecards/train': () =>
          json({ title: '版本号已存在', status: 409, code: 'version_taken', detail: '已有版本 woe-2026.12' }, 409),
      },
    })
    await typeInto(byTestId('scorecard-train-version'), 'woe-2026.12')
    await chooseFile(dialog(), csvFile())
    await submit()
    expect(byTestId('scorecard-train-problem')!.textContent).toContain('版本号已存在')
    expect(byTestId('scorecard-train-result')).toBeNull()
    expect(wrapper.emitted('registered')).toBeUndefined()
  })
})
