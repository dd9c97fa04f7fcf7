import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { User } from '@/api/users'
import { useUserStore } from '@/stores/user'
import { ROLE_CATALOGUE, calledRoutes, json, meFor, stubApi, invalid } from '@/test/fixtures'
import UserPage from './index.vue'

const USERS: User[] = [
  {
    id: 1,
    username: 'demo-gov-admin',
    displayName: '王主任',
    mobile: '138****5678',
    organisationId: 2,
    organisationName: '示范区（高新区）党工委、管委会',
    roles: ['gov-admin'],
    disabled: false,
    lockedUntil: null,
    createdAt: '2026-01-05T09:00:00+08:00',
    lastLoginAt: '2026-03-01T08:30:15+08:00',
  },
  {
    id: 2,
    username: 'li.si',
    displayName: '李四',
    mobile: null,
    organisationId: 5,
    organisationName: '焦作市天宝桓祥科技有限公司',
    roles: ['enterprise-staff', 'enterprise-admin'],
    disabled: true,
    lockedUntil: null,
    createdAt: '2026-02-01T10:00:00+08:00',
    lastLoginAt: null,
  },
  {
    id: 3,
    username: 'zhang.san',
    displayName: '张三',
    mobile: '139****0001',
    organisationId: 5,
    organisationName: '焦作市天宝桓祥科技有限公司',
    roles: ['enterprise-staff'],
    disabled: false,
    lockedUntil: '2999-01-01T00:00:00+08:00',
    createdAt: '2026-02-02T10:00:00+08:00',
    lastLoginAt: null,
  },
]

const ORGS = {
  items: [
    { id: 1, kind: 'operator', name: '焦作智慧金服公司', shortName: null, regionCode: '410800', parentId: null, uscc: null, disabled: false, createdAt: '2026-01-01T00:00:00+08:00' },
    { id: 5, kind: 'enterprise', name: '焦作市天宝桓祥科技有限公司', shortName: '天宝桓祥', regionCode: '410871', parentId: null, uscc: '91410800MA00000000', disabled: false, createdAt: '2026-01-01T00:00:00+08:00' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
}

function loginAs(role: string) {
  useUserStore().set(meFor(role))
}

async function mountPage() {
  const wrapper = mount(UserPage, { attachTo: document.body })
  await flushPromises()
  return wrapper
}

function rowTexts(wrapper: ReturnType<typeof mount>): string[] {
  return wrapper.findAll('[data-testid="user-table"] .el-table__body tr').map((tr) => tr.text())
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('用户管理', () => {
  it('renders the users from GET /api/v1/users with masked mobiles as given, role names and status tags', async () => {
    loginAs('platform-admin')
    const fetchMock = stubApi({
      'GET /api/v1/users': { items: USERS, total: 3, page: 1, pageSize: 20 },
      'GET /api/v1/organisations': ORGS,
      'GET /api/v1/roles': ROLE_CATALOGUE,
    })
    const wrapper = await mountPage()

    const usersCall = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/v1/users'))!
    expect(String(usersCall[0])).toBe('/api/v1/users?page=1&pageSize=20')

    const rows = rowTexts(wrapper)
    expect(rows).toHaveLength(3)
    // The server masks; the page shows exactly what it got (and '-' for none).
    const mobiles = wrapper.findAll('[data-testid="user-mobile"]').map((m) => m.text())
    expect(mobiles).toEqual(['138****5678', '-', '139****0001'])

    for (const text of [
      'demo-gov-admin',
      '王主任',
      '示范区（高新区）党工委、管委会',
      '政府管理员',
      '2026-01-05',
      '2026-03-01 08:30',
    ]) expect(rows[0]).toContain(text)
    for (const text of ['从未登录', '企业经办人', '企业管理员']) expect(rows[1]).toContain(text)

    const statuses = wrapper.findAll('[data-testid="user-status"]').map((s) => s.text())
    expect(statuses).toEqual(['正常', '停用', '锁定'])

    // user.manage: the toolbar and the row actions are there.
    expect(wrapper.find('[data-testid="user-add"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="user-edit"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="user-toggle"]').map((b) => b.text())).toEqual(['停用', '启用', '停用'])
    // org.read: the organisation filter is offered.
    expect(wrapper.find('[data-testid="user-search-org"]').exists()).toBe(true)
  })

  it('hides the management actions and the organisation filter from a read-only user without org.read', async () => {
    // enterprise-admin has user.manage but not org.read; build a read-only variant of it.
    const me = meFor('enterprise-admin')
    me.permissions = ['self', 'enterprise.read', 'user.read']
    useUserStore().set(me)
    const fetchMock = stubApi({ 'GET /api/v1/users': { items: USERS.slice(1), total: 2, page: 1, pageSize: 20 } })
    const wrapper = await mountPage()

    expect(rowTexts(wrapper)).toHaveLength(2)
    expect(wrapper.find('[data-testid="user-add"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="user-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="user-search-org"]').exists()).toBe(false)
    // Neither /organisations nor /roles is asked for: both would be 403s (and audited denials).
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/users'])
    // Without role.read the roles are still named (from the fixed dictionary).
    expect(rowTexts(wrapper)[1]).toContain('企业经办人')
  })

  it('shows the server error when the list cannot be loaded', async () => {
    loginAs('gov-officer')
    stubApi({
      'GET /api/v1/users': () => json({ title: '服务暂不可用', status: 503, detail: '数据库不可用' }, 503),
      'GET /api/v1/organisations': ORGS,
    })
    const wrapper = await mountPage()
    const alert = wrapper.get('[data-testid="user-error"]')
    expect(alert.text()).toContain('服务暂不可用')
    expect(alert.text()).toContain('数据库不可用')
  })

  it('creates a user through the dialog and shows server field errors under the fields', async () => {
    loginAs('platform-admin')
    const bodies: unknown[] = []
    const fetchMock = stubApi({
      'GET /api/v1/users': { items: [], total: 0, page: 1, pageSize: 20 },
      'GET /api/v1/organisations': ORGS,
      'GET /api/v1/roles': ROLE_CATALOGUE,
      'POST /api/v1/users': (_url, init) => {
        bodies.push(JSON.parse(String(init.body)))
        return invalid([{ field: 'password', message: '密码过于常见，请换一个' }], '请求参数不合法')
      },
    })
    const wrapper = await mountPage()
    await wrapper.get('[data-testid="user-add"]').trigger('click')
    await flushPromises()

    const dialog = document.querySelector('[data-testid="user-dialog"]')!
    expect(dialog).not.toBeNull()
    const setInput = async (testid: string, value: string) => {
      const input = dialog.querySelector<HTMLInputElement>(`[data-testid="${testid}"] input, input[data-testid="${testid}"]`)!
      input.value = value
      input.dispatchEvent(new Event('input'))
      await flushPromises()
    }
    await setInput('user-form-username', 'wang.wu')
    await setInput('user-form-display-name', '王五')
    await setInput('user-form-password', 'Qwerty-12345')

    // Pick the enterprise organisation through the component API (the select's popper is not needed).
    const vm = wrapper.vm as unknown as { form: { organisationId?: number; roles: string[] } }
    vm.form.organisationId = 5
    await flushPromises()
    // Only roles that fit an enterprise are offered.
    const roleLabels = [...dialog.querySelectorAll('[data-testid="user-form-roles"] .el-checkbox')].map((c) =>
      c.textContent!.trim(),
    )
    expect(roleLabels).toEqual(['企业经办人', '企业管理员'])
    vm.form.roles = ['enterprise-staff']
    await flushPromises()

    dialog.querySelector<HTMLButtonElement>('[data-testid="user-form-submit"]')!.click()
    await flushPromises()
    await vi.waitFor(() => expect(bodies).toHaveLength(1))
    expect(bodies[0]).toEqual({
      username: 'wang.wu',
      displayName: '王五',
      password: 'Qwerty-12345',
      organisationId: 5,
      roles: ['enterprise-staff'],
    })
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit)?.method === 'POST')!
    expect((post[1] as RequestInit).headers).toMatchObject({ 'X-CSRF-Token': 'csrf-test-token' })
    await flushPromises()
    await vi.waitFor(() => expect(dialog.textContent).toContain('密码过于常见，请换一个'))
  })
})
