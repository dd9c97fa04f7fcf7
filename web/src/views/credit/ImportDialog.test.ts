// 导入评分卡: the file is required, its JSON goes to the server unchanged, and a refusal is
// explained in the dialog, which stays open.
import { describe, expect, it, vi } from 'vitest'
import { json } from '@/test/fixtures'
import { bodyText, byTestId, chooseFile, clickOn, mountDialog, stubMessages } from '@/test/mount'
import { ARTIFACT, scorecardItem } from './fixtures'
import ImportDialog from './ImportDialog.vue'

stubMessages({ toasts: true })

const dialog = () => byTestId('scorecard-import-dialog')!
const submit = () => clickOn(byTestId('scorecard-import-submit'))
const artifactFile = (text = JSON.stringify(ARTIFACT)) => new File([text], 'expert-2026.12.json', { type: 'application/json' })

describe('导入评分卡', () => {
  it('shows the file field and the format it takes', async () => {
    await mountDialog(ImportDialog, { role: 'platform-admin' })
    expect(dialog().textContent).toContain('评分卡文件')
    expect(dialog().textContent).toContain('jinfu.scorecard/1')
    expect(dialog().querySelector('input[type="file"]')!.getAttribute('accept')).toBe('.json,application/json')
  })

  it('asks for a file before sending anything', async () => {
    const { fetchMock, wrapper } = await mountDialog(ImportDialog, { role: 'platform-admin', api: {} })
    await submit()
    await vi.waitFor(() => expect(dialog().textContent).toContain('请选择评分卡文件'))
    expect(fetchMock).not.toHaveBeenCalled()
    expect(wrapper.emitted('registered')).toBeUndefined()
  })

  it('posts the file’s text unchanged, then closes and hands over the new candidate', async () => {
    const created = scorecardItem({ id: 3, version: 'expert-2026.12', status: 'candidate' })
    const sent: string[] = []
    const text = JSON.stringify(ARTIFACT, null, 2)
    const { wrapper } = await mountDialog(ImportDialog, {
      role: 'platform-admin',
      api: { 'POST /api/v1/credit/scorecards': async (_u, init) => (sent.push(await bodyText(init)), json(created, 201)) },
    })
    await chooseFile(dialog(), artifactFile(text))
    await submit()
    expect(sent).toEqual([text])
    expect(wrapper.emitted('registered')).toEqual([[created]])
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('explains the server’s refusal in the dialog and stays open', async () => {
    const { wrapper } = await mountDialog(ImportDialog, {
      role: 'platform-admin',
      api: {
        'POST /api/v1/credit/scorecards': () =>
          json({ title: '评分卡校验和不符', status: 422, code: 'checksum_mismatch', detail: '文件的校验和与内容不一致' }, 422),
      },
    })
    await chooseFile(dialog(), artifactFile())
    await submit()
    expect(byTestId('scorecard-import-problem')!.textContent).toContain('评分卡校验和不符')
    expect(wrapper.emitted('registered')).toBeUndefined()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('refuses a file that is not JSON without calling the server', async () => {
    const { fetchMock } = await mountDialog(ImportDialog, { role: 'platform-admin', api: {} })
    await chooseFile(dialog(), artifactFile('not json'))
    await submit()
    expect(byTestId('scorecard-import-problem')!.textContent).toContain('文件不是有效的 JSON')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
