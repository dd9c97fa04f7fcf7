// Shared mounting for component tests: a page (or dialog) mounted as the app has it — a fresh
// Pinia with the given user logged in, the API stubbed by route, a memory router — and the stubs
// every test file used to repeat (ECharts, ElMessageBox).
import { beforeEach, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useUserStore } from '@/stores/user'
import { meFor, stubApi } from './fixtures'

/**
 * ECharts draws on a canvas happy-dom does not have: the chart stands as a <div class="chart-stub">
 * whose `data-option` is the option the page built (registered for every test in setup.ts).
 */
export const ChartStub = defineComponent({
  name: 'ChartStub',
  props: { option: { type: Object, default: null } },
  setup: (props, { attrs }) => () => h('div', { class: 'chart-stub', 'data-option': JSON.stringify(props.option), ...attrs }),
})

/** Element Plus shows a form item's error 100 ms after it is set. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 150)).then(flushPromises)

/** One page of a list answer. */
export const page = <T>(items: T[], pageSize = 10) => ({ items, total: items.length, page: 1, pageSize })

/** The rows of the table with `data-testid` `testId`. */
export const rowsOf = (wrapper: VueWrapper, testId: string) =>
  wrapper.find(`[data-testid="${testId}"]`).findAll('.el-table__body tr')

/** An element teleported to <body> (dialogs, popups) by its data-testid. */
export const byTestId = <E extends HTMLElement = HTMLElement>(testId: string) =>
  document.querySelector<E>(`[data-testid="${testId}"]`)

export interface MountOptions {
  /** Logs in a user with this role (see fixtures.meFor); none: nobody is logged in. */
  role?: string
  csrf?: string
  /** Permissions the role's user holds besides the role's own. */
  morePermissions?: string[]
  /** API routes for stubApi; none: fetch stays as the test stubbed it. */
  api?: Parameters<typeof stubApi>[0]
  props?: Record<string, unknown>
  /** Where the memory router starts. */
  path?: string
  /** Router routes; by default every path renders nothing. */
  routes?: RouteRecordRaw[]
  /** No router at all (pages that do not use one). */
  noRouter?: boolean
}

/**
 * Mounts `component` attached to the document with a fresh Pinia (the user `role` logged in),
 * `api` stubbed and a memory router at `path`, and waits until its first requests have answered.
 */
export async function mountPage(component: unknown, options: MountOptions = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (options.role) {
    const me = meFor(options.role, options.csrf)
    me.permissions = [...me.permissions, ...(options.morePermissions ?? [])]
    useUserStore().set(me)
  }
  const fetchMock = options.api ? stubApi(options.api) : (vi.mocked(fetch) as ReturnType<typeof stubApi>)
  const plugins: unknown[] = [pinia]
  const router = createRouter({
    history: createMemoryHistory(),
    routes: options.routes ?? [{ path: '/:p(.*)*', component: { render: () => null } }],
  })
  if (!options.noRouter) {
    await router.push(options.path ?? '/')
    plugins.push(router)
  }
  const wrapper = mount(component as never, {
    props: options.props as never,
    global: { plugins: plugins as never },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper: wrapper as VueWrapper, fetchMock, router, pinia }
}

/**
 * Mounts a dialog component and opens it as its parent page does (`v-model` false, then true, so
 * its "on open" logic runs), with its `update:modelValue` applied as a parent would; otherwise as
 * mountPage.
 */
export async function mountDialog(component: unknown, options: MountOptions = {}) {
  const holder: { wrapper?: VueWrapper } = {}
  const mounted = await mountPage(component, {
    ...options,
    props: {
      'onUpdate:modelValue': (value: boolean) => holder.wrapper?.setProps({ modelValue: value }),
      ...options.props,
      modelValue: false,
    },
  })
  holder.wrapper = mounted.wrapper
  await mounted.wrapper.setProps({ modelValue: true })
  await flushPromises()
  return mounted
}

/**
 * Stands in for ElMessageBox.confirm / prompt in every test of the file (and, with `toasts`, for
 * ElMessage.success / warning / error / info): the returned mocks say what the user answers
 * (`confirm.mockResolvedValueOnce('confirm')`) and record what was asked or said.
 */
export function stubMessages({ toasts = false } = {}) {
  const mocks = {
    confirm: vi.fn(),
    prompt: vi.fn(),
    success: vi.fn(),
    warning: vi.fn(),
    error: vi.fn(),
    info: vi.fn(),
  }
  beforeEach(() => {
    for (const m of Object.values(mocks)) m.mockReset()
    vi.spyOn(ElMessageBox, 'confirm').mockImplementation(((...args: unknown[]) => mocks.confirm(...args)) as never)
    vi.spyOn(ElMessageBox, 'prompt').mockImplementation(((...args: unknown[]) => mocks.prompt(...args)) as never)
    if (toasts) for (const kind of ['success', 'warning', 'error', 'info'] as const) {
      vi.spyOn(ElMessage, kind).mockImplementation(((...args: unknown[]) => mocks[kind](...args)) as never)
    }
  })
  return mocks
}

/** Types into an input or textarea the way the browser does (input, then change). */
export async function typeInto(el: Element | null, value: string) {
  const input = el as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

/** Clicks a button and waits for what it started. */
export async function clickOn(el: Element | null) {
  ;(el as HTMLElement).click()
  await flushPromises()
  await flushPromises()
}

/** Chooses a file the way the browser does: the hidden file input inside `container` changes. */
export async function chooseFile(container: Element, file: File) {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]')!
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

/** The body a stubbed request was sent with, as text (Blob bodies read out). */
export async function bodyText(init: RequestInit): Promise<string> {
  const body = init.body
  return body instanceof Blob ? body.text() : String(body)
}
