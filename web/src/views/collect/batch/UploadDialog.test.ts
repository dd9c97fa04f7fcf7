import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useUserStore } from '@/stores/user'
import { batchFixture, calledRoutes, importJob, json, meFor, stubApi } from '@/test/fixtures'
import UploadDialog from './UploadDialog.vue'

const CATEGORIES = {
  items: [
    { code: 'registration', name: '登记信息', fields: [] },
    { code: 'tax', name: '纳税信息', fields: [] },
  ],
}

const PROVIDERS = {
  items: [
    { id: 4, kind: 'provider', name: '焦作市税务局', shortName: null, regionCode: '410800', parentId: null, uscc: null, disabled: false, createdAt: '2026-01-01T00:00:00+08:00' },
    { id: 6, kind: 'provider', name: '焦作市人社局', shortName: null, regionCode: '410800', parentId: null, uscc: null, disabled: false, createdAt: '2026-01-01T00:00:00+08:00' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
}

function makeRouter() {
  const page = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: '/collect/batches/:id', component: page },
    ],
  })
}

async function mountDialog(role: string, props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useUserStore().set(meFor(role, 'csrf-upload'))
  const router = makeRouter()
  await router.push('/')
  const wrapper = mount(UploadDialog, {
    props: {
      modelValue: true,
      'onUpdate:modelValue': (value: boolean) => wrapper.setProps({ modelValue: value }),
      ...props,
    },
    global: { plugins: [pinia, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

const dialog = () => document.querySelector<HTMLElement>('[data-testid="upload-dialog"]')!

/** Chooses a file the way the browser does: the hidden file input changes. */
async function chooseFile(file: File) {
  const input = dialog().querySelector<HTMLInputElement>('input[type="file"]')!
  expect(input.getAttribute('accept')).toBe('.csv,.xlsx,.jsonl,.ndjson,.txt')
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

type Form = { category: string; encoding: string; provider?: number }
const formOf = (wrapper: { vm: unknown }) => (wrapper.vm as { form: Form }).form

async function submit() {
  dialog().querySelector<HTMLButtonElement>('[data-testid="upload-submit"]')!.click()
  await flushPromises()
  await flushPromises()
}

function postCall(fetchMock: ReturnType<typeof stubApi>) {
  const call = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
  return call as unknown as [string, RequestInit] | undefined
}

beforeEach(() => {
  setActivePinia(createPinia())
})

// Mounting Element Plus dialogs is slow on a busy machine; the 5 s default is too tight.
describe('上传数据', { timeout: 20_000 }, () => {
  it('POSTs the chosen file as the body with the encoded query and CSRF header, then opens the new batch', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/collect/categories': CATEGORIES,
      'POST /api/v1/collect/batches': () => json(importJob({ batch: batchFixture({ id: 42 }) }), 202),
    })
    const { wrapper, router } = await mountDialog('provider-uploader')
    // A provider submits as itself: no provider choice, no organisation lookup.
    expect(dialog().querySelector('[data-testid="upload-provider"]')).toBeNull()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/collect/categories'])

    const file = new File(['纳税人识别号,税额\n'], '2026年3月 纳税&申报.csv', { type: 'text/csv' })
    await chooseFile(file)
    formOf(wrapper).category = 'tax'
    formOf(wrapper).encoding = 'gb18030'
    await flushPromises()
    await submit()

    const [url, init] = postCall(fetchMock)!
    expect(url).toBe(
      '/api/v1/collect/batches?category=tax&fileName=2026%E5%B9%B43%E6%9C%88+%E7%BA%B3%E7%A8%8E%26%E7%94%B3%E6%8A%A5.csv&format=csv&encoding=gb18030',
    )
    expect(init.body).toBe(file)
    expect(init.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'X-CSRF-Token': 'csrf-upload',
      Prefer: 'respond-async',
    })

    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/collect/batches/42'))
    expect(document.body.textContent).toContain('已入库 115 行，隔离 5 行')
    expect(wrapper.props('modelValue')).toBe(false)
    expect(wrapper.emitted('submitted')?.[0]?.[0]).toMatchObject({ kind: 'created' })
  })

  it('warns about a duplicate (200) and stays on the page', async () => {
    stubApi({
      'GET /api/v1/collect/categories': CATEGORIES,
      'POST /api/v1/collect/batches': () => json(importJob({ batch: batchFixture({ id: 17 }), duplicate: true }), 202),
    })
    const { wrapper, router } = await mountDialog('provider-uploader')
    await chooseFile(new File(['x'], 'tax.xlsx'))
    formOf(wrapper).category = 'tax'
    await submit()

    await vi.waitFor(() => expect(document.body.textContent).toContain('该文件已提交过（批次 #17），未重复入库'))
    expect(document.querySelector('.el-message--warning')).not.toBeNull()
    expect(router.currentRoute.value.path).toBe('/')
    expect(wrapper.props('modelValue')).toBe(false)
    expect(wrapper.emitted('submitted')?.[0]?.[0]).toMatchObject({ kind: 'duplicate' })
  })

  it('explains a refused file (422) in the dialog with the detail and field errors, as text', async () => {
    stubApi({
      'GET /api/v1/collect/categories': CATEGORIES,
      'POST /api/v1/collect/batches': () =>
        json(
          {
            title: '文件无法读取',
            status: 422,
            detail: '缺少必填列：纳税人识别号',
            errors: [
              { field: '纳税人识别号', message: '必填列缺失' },
              { field: '<b>列</b>', message: '<img src=x onerror=alert(1)>' },
            ],
          },
          422,
        ),
    })
    const { wrapper, router } = await mountDialog('provider-uploader')
    await chooseFile(new File(['x'], 'tax.csv'))
    formOf(wrapper).category = 'tax'
    await submit()

    const alert = await vi.waitFor(() => {
      const el = dialog().querySelector('[data-testid="upload-problem"]')
      expect(el).not.toBeNull()
      return el!
    })
    expect(alert.textContent).toContain('文件无法读取')
    expect(alert.textContent).toContain('缺少必填列：纳税人识别号')
    const errors = [...alert.querySelectorAll('[data-testid="problem-errors"] li')].map((li) => li.textContent!.trim())
    expect(errors).toEqual(['纳税人识别号：必填列缺失', '<b>列</b>：<img src=x onerror=alert(1)>'])
    expect(alert.querySelector('img')).toBeNull()
    // Nothing was stored: the dialog stays open for another try.
    expect(wrapper.props('modelValue')).toBe(true)
    expect(wrapper.emitted('submitted')).toBeUndefined()
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('lets the operator submit for a provider, and sends resubmitOf for a correction', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/collect/categories': CATEGORIES,
      'GET /api/v1/organisations': PROVIDERS,
      'POST /api/v1/collect/batches': () => json(importJob({ batch: batchFixture({ id: 43, resubmitOf: 42 }) }), 202),
    })
    const { wrapper } = await mountDialog('platform-admin', { category: 'tax', provider: 4, resubmitOf: 42 })
    expect(dialog().querySelector('[data-testid="upload-provider"]')).not.toBeNull()
    expect(dialog().textContent).toContain('修正批次 #42 的隔离数据后重新提交')
    const orgCall = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/v1/organisations'))!
    expect(String(orgCall[0])).toBe('/api/v1/organisations?page=1&pageSize=100&kind=provider')
    expect(formOf(wrapper)).toMatchObject({ category: 'tax', provider: 4, encoding: 'auto' })

    await chooseFile(new File(['x'], '批次42-隔离数据.xlsx'))
    await submit()
    const [url] = postCall(fetchMock)!
    const query = Object.fromEntries(new URL(url, 'http://localhost').searchParams)
    expect(query).toEqual({
      category: 'tax',
      fileName: '批次42-隔离数据.xlsx',
      format: 'xlsx',
      encoding: 'auto',
      provider: '4',
      resubmitOf: '42',
    })
  })

  it('offers a department only the categories it provides (for the operator: those of the chosen department)', async () => {
    const catalogue = {
      items: [
        { code: 'registration', name: '登记信息', fields: [], providers: [{ id: 4, name: '焦作市市场监督管理局' }] },
        { code: 'tax', name: '纳税信息', fields: [], providers: [{ id: 9, name: '国家税务总局焦作市税务局' }] },
      ],
    }
    type Choices = { categoryChoices: { code: string }[] }
    stubApi({ 'GET /api/v1/collect/categories': catalogue })
    const provider = await mountDialog('provider-uploader') // organisation 4, 市场监管局
    expect((provider.wrapper.vm as unknown as Choices).categoryChoices.map((c) => c.code)).toEqual(['registration'])
    provider.wrapper.unmount()

    stubApi({ 'GET /api/v1/collect/categories': catalogue, 'GET /api/v1/organisations': PROVIDERS })
    const { wrapper } = await mountDialog('platform-admin')
    const choices = () => (wrapper.vm as unknown as Choices).categoryChoices.map((c) => c.code)
    expect(choices()).toEqual(['registration', 'tax'])
    formOf(wrapper).category = 'registration'
    formOf(wrapper).provider = 9
    await flushPromises()
    expect(choices()).toEqual(['tax'])
    expect(formOf(wrapper).category, 'a category the department does not provide is cleared').toBe('')
    expect(dialog().querySelector('[data-testid="upload-template"]'), 'no template without a category').toBeNull()
    formOf(wrapper).category = 'tax'
    await flushPromises()
    expect(dialog().querySelector('[data-testid="upload-template"]')!.getAttribute('href')).toBe('/api/v1/collect/categories/tax/template.xlsx')
  })

  it('does not submit without a file or a category', async () => {
    const fetchMock = stubApi({ 'GET /api/v1/collect/categories': CATEGORIES })
    await mountDialog('provider-uploader')
    await submit()
    await vi.waitFor(() => expect(dialog().textContent).toContain('请选择要上传的文件'))
    expect(dialog().textContent).toContain('请选择数据类别')
    expect(postCall(fetchMock)).toBeUndefined()
  })

  it('shows the progress of the import and stops it with 取消导入: nothing stored, the reason shown', async () => {
    let cancelled = false
    const fetchMock = stubApi({
      'GET /api/v1/collect/categories': CATEGORIES,
      'POST /api/v1/collect/batches': () => json(importJob(null, 'queued', 0), 202),
      'GET /api/v1/jobs/job-1': () =>
        json(
          cancelled
            ? {
                ...importJob(null, 'cancelled', 60),
                problem: { title: '任务已取消', status: 409, detail: '任务已按要求停止，已写入的内容全部撤回。' },
              }
            : importJob(null, 'running', 60),
        ),
      'POST /api/v1/jobs/job-1/cancel': () => {
        cancelled = true
        return json({ ...importJob(null, 'running', 60), cancelRequested: true }, 202)
      },
    })
    const { wrapper } = await mountDialog('provider-uploader')
    await chooseFile(new File(['x'], '大文件.csv'))
    formOf(wrapper).category = 'tax'
    await flushPromises()
    await submit()
    await vi.waitFor(() => expect(dialog().querySelector('[data-testid="upload-progress"]')?.textContent).toContain('已读取 60 行，共约 120 行'))
    ;(dialog().querySelector('[data-testid="upload-cancel-import"]') as HTMLElement).click()
    await vi.waitFor(() => expect(dialog().textContent).toContain('已写入的内容全部撤回'), { timeout: 5000 })
    expect(calledRoutes(fetchMock)).toContain('POST /api/v1/jobs/job-1/cancel')
    expect(wrapper.props('modelValue')).toBe(true)
    expect(wrapper.emitted('submitted')).toBeUndefined()
  })
})
