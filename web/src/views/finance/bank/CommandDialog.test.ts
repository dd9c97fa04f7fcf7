// One bank command on an application: the dialog shows exactly the fields of that command, checks
// them in Chinese before sending, sends them in fen / bp, and closes with the updated application
// — or shows the server's refusal.
import { describe, expect, it, vi } from 'vitest'
import { json } from '@/test/fixtures'
import { byTestId, clickOn, mountDialog, stubMessages, typeInto } from '@/test/mount'
import { CATALOGUE, applicationFixture } from './fixtures'
import CommandDialog from './CommandDialog.vue'

stubMessages({ toasts: true })

const APP = applicationFixture({ state: 'approved', stateZh: '已授信', approvedFen: 50_000_000, disbursedFen: 20_000_000 })
const dialog = () => byTestId('command-dialog')!
const submit = () => clickOn(byTestId('command-submit'))

function open(code: string, zh: string, api: NonNullable<Parameters<typeof mountDialog>[1]>['api'] = {}) {
  return mountDialog(CommandDialog, {
    role: 'bank-officer',
    api,
    props: { application: APP, command: { code, zh }, reasons: CATALOGUE.reasons },
  })
}

describe('办理命令', () => {
  it('拒绝 shows the reasons and the note, and asks for both in Chinese before sending', async () => {
    const { fetchMock } = await open('reject', '拒绝')
    expect(dialog().querySelector('[data-testid="command-reasons"]')).not.toBeNull()
    expect(dialog().querySelector('[data-testid="command-note"]')).not.toBeNull()
    expect(dialog().querySelector('[data-testid="command-amount"]')).toBeNull()
    await submit()
    await vi.waitFor(() => {
      expect(dialog().textContent).toContain('请至少选择一项拒绝原因')
      expect(dialog().textContent).toContain('请填写拒绝说明')
    })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('放款 starts at what remains of the approval, refuses more, and sends fen and the date', async () => {
    const bodies: unknown[] = []
    const done = { ...APP, disbursedFen: 50_000_000, state: 'disbursed' }
    const { wrapper } = await open('disburse', '放款', {
      'POST /api/v1/finance/applications/5/commands': (_u, init) => (bodies.push(JSON.parse(String(init.body))), json(done)),
    })
    const amount = dialog().querySelector<HTMLInputElement>('[data-testid="command-amount"] input')!
    expect(amount.value).toBe('30.00')
    expect(byTestId('command-remaining')!.textContent!.replace(/\s+/g, ' ')).toContain('已放款 20 万元，尚可放款 30 万元')
    await typeInto(amount, '40')
    await submit()
    await vi.waitFor(() => expect(dialog().textContent).toContain('放款金额不能超过未放款的授信余额 30 万元'))
    expect(bodies).toEqual([])
    await typeInto(amount, '30')
    await submit()
    expect(bodies).toEqual([{ command: 'disburse', amountFen: 30_000_000, onDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }])
    expect(wrapper.emitted('done')).toEqual([[done]])
    expect(wrapper.emitted('update:modelValue')).toContainEqual([false])
  })

  it('shows the server’s refusal (409) and stays open', async () => {
    const { wrapper } = await open('settle', '结清', {
      'POST /api/v1/finance/applications/5/commands': () =>
        json({ title: '当前状态不能执行此操作', status: 409, code: 'invalid_transition', detail: '申请尚未放款' }, 409),
    })
    await submit()
    expect(byTestId('command-problem')!.textContent).toContain('当前状态不能执行此操作')
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
