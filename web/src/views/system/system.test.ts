// 机构管理, 审计日志, 接口令牌, 角色与权限: each renders what the server sends with the dictionary's
// Chinese names, and its buttons call the right API.
import { describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ROLE_CATALOGUE, calledRoutes } from '@/test/fixtures'
import { mountPage, stubMessages } from '@/test/mount'

import OrgPage from './org/index.vue'
import AuditPage from './audit/index.vue'
import TokenPage from './token/index.vue'
import RolePage from './role/index.vue'

const { confirm } = stubMessages()

const ORGS = {
  items: [
    { id: 1, kind: 'operator', name: '焦作智慧金服公司', shortName: null, regionCode: '410800', parentId: null, uscc: null, disabled: false, createdAt: '2026-01-01T00:00:00+08:00' },
    { id: 3, kind: 'bank', name: '工商银行焦作分行', shortName: '工行', regionCode: '410800', parentId: null, uscc: null, disabled: true, createdAt: '2026-01-02T00:00:00+08:00' },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
}

const AUDIT = {
  items: [
    {
      id: 7, at: '2026-03-01T09:00:00+08:00', requestId: 'r1', userId: 1, username: 'demo-platform-admin',
      organisationId: 1, organisationName: '焦作智慧金服公司', tokenId: null, action: 'user.create', objectType: 'user',
      objectId: '12', outcome: 'success', ip: '127.0.0.1', userAgent: null, before: null, after: { username: 'li.si' }, detail: null,
    },
    {
      id: 8, at: '2026-03-01T09:05:00+08:00', requestId: 'r2', userId: 2, username: 'demo-bank-officer',
      organisationId: 3, organisationName: '工商银行焦作分行', tokenId: null, action: 'access.denied', objectType: null,
      objectId: null, outcome: 'denied', ip: '127.0.0.1', userAgent: null, before: null, after: null, detail: null,
    },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
}

const TOKENS = {
  items: [
    { id: 5, name: '税务局报送', prefix: 'jf_ab12', permissions: ['collect.submit'], createdAt: '2026-01-05T09:00:00+08:00', expiresAt: '2999-01-01T00:00:00+08:00', lastUsedAt: null, revoked: false, userId: 9, username: 'demo-provider' },
    { id: 6, name: '旧令牌', prefix: 'jf_cd34', permissions: ['collect.read'], createdAt: '2025-01-05T09:00:00+08:00', expiresAt: '2999-01-01T00:00:00+08:00', lastUsedAt: null, revoked: true, userId: 9, username: 'demo-provider' },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
}

/** The <input> of an el-input carrying `testid` (Element Plus puts the attribute on the input). */
const input = (w: VueWrapper, testid: string) => {
  const own = w.find(`input[data-testid="${testid}"]`)
  return own.exists() ? own : w.find(`[data-testid="${testid}"] input`)
}

/** Types `value` into the search field `testid` and runs the search. */
async function search(w: VueWrapper, testid: string, value: string) {
  await input(w, testid).setValue(value)
  await w.find('form.search-form').trigger('submit')
  await flushPromises()
}

const rows = (w: VueWrapper, table: string) =>
  w.findAll(`[data-testid="${table}"] .el-table__body tr`).map((tr) => tr.text())

describe('机构管理', { timeout: 30_000 }, () => {
  it('lists organisations with kind and status names, and searches by name from page 1', async () => {
    const { wrapper: w, fetchMock } = await mountPage(OrgPage, { role: 'platform-admin', api: { 'GET /api/v1/organisations': ORGS } })
    const r = rows(w, 'org-table')
    expect(r).toHaveLength(2)
    expect(r[0]).toContain('平台运营方')
    expect(r[0]).toContain('正常')
    expect(r[1]).toContain('银行')
    expect(r[1]).toContain('停用')

    await search(w, 'org-search-q', '  工商 ')
    const last = fetchMock.mock.calls.at(-1)![0]
    expect(String(last)).toBe('/api/v1/organisations?q=%E5%B7%A5%E5%95%86&page=1&pageSize=20')
  })
})

describe('机构管理：编辑', { timeout: 30_000 }, () => {
  it('sends only the changed name with PATCH, and shows a taken name under the field', async () => {
    let answer: Response = new Response(
      JSON.stringify({ title: '名称已被使用', status: 409, code: 'name_taken', detail: '已有同名机构。' }),
      { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
    )
    const { wrapper: w, fetchMock } = await mountPage(OrgPage, {
      role: 'platform-admin',
      api: { 'GET /api/v1/organisations': ORGS, 'PATCH /api/v1/organisations/3': () => answer },
    })
    const edit = w.findAll('[data-testid="org-table"] .el-table__body tr')[1].findAll('button').find((b) => b.text() === '编辑')!
    await edit.trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('[data-testid="org-dialog"]')!
    const nameInput = [...dialog.querySelectorAll('input')].find((i) => (i as HTMLInputElement).value === '工商银行焦作分行') as HTMLInputElement
    nameInput.value = '焦作市工商银行'
    nameInput.dispatchEvent(new Event('input'))
    await flushPromises()
    const ok = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s/g, '') === '确定') as HTMLButtonElement
    ok.click()
    await flushPromises()
    const patch = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/organisations/3') && (i as RequestInit).method === 'PATCH')!
    expect(JSON.parse(String((patch[1] as RequestInit).body))).toEqual({ name: '焦作市工商银行' })
    // The refusal is the name field's error (its form item turns red), not a page-wide problem.
    const nameItem = [...dialog.querySelectorAll('.el-form-item')].find((i) => i.querySelector('label')?.textContent === '名称')!
    expect(nameItem.classList.contains('is-error')).toBe(true)
    expect(dialog.querySelector('.el-alert')).toBeNull()

    answer = new Response(JSON.stringify({ ...ORGS.items[1], name: '焦作市工商银行' }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    ok.click()
    await flushPromises()
    expect(calledRoutes(fetchMock).at(-1)).toBe('GET /api/v1/organisations')
  })
})

describe('审计日志', { timeout: 30_000 }, () => {
  it('names actions and outcomes as the server does, and filters by action', async () => {
    const { wrapper: w, fetchMock } = await mountPage(AuditPage, {
      role: 'gov-admin',
      api: { 'GET /api/v1/audit': AUDIT, 'GET /api/v1/organisations': ORGS },
    })
    const r = rows(w, 'audit-table')
    expect(r[0]).toContain('新建用户')
    expect(r[0]).toContain('user.create')
    expect(r[1]).toContain('拒绝访问')
    expect(w.findAll('[data-testid="audit-outcome"]').map((o) => o.text())).toEqual(['成功', '拒绝'])

    await search(w, 'audit-search-user', 'demo-bank')
    const audits = calledRoutes(fetchMock).filter((c) => c === 'GET /api/v1/audit')
    expect(audits).toHaveLength(2)
    expect(String(fetchMock.mock.calls.at(-1)![0])).toContain('user=demo-bank')
  })
})

describe('接口令牌', () => {
  it('shows each token’s status and permission names, and revokes one with DELETE after confirming', async () => {
    confirm.mockResolvedValue('confirm')
    const { wrapper: w, fetchMock } = await mountPage(TokenPage, {
      role: 'provider-uploader',
      api: { 'GET /api/v1/tokens': TOKENS, 'DELETE /api/v1/tokens/5': () => new Response(null, { status: 204 }) },
    })
    const r = rows(w, 'token-table')
    expect(r[0]).toContain('税务局报送')
    expect(r[0]).toContain('有效')
    expect(r[1]).toContain('已吊销')
    expect(r[0]).toContain('报送归集数据')
    expect(calledRoutes(fetchMock)[0]).toBe('GET /api/v1/tokens')

    await w.findAll('[data-testid="token-revoke"]')[0].trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledOnce()
    expect(calledRoutes(fetchMock).slice(-2)).toEqual(['DELETE /api/v1/tokens/5', 'GET /api/v1/tokens'])
  })
})

describe('角色与权限', () => {
  it('lists the roles with their organisation kind in Chinese', async () => {
    const { wrapper: w } = await mountPage(RolePage, { role: 'platform-admin', api: { 'GET /api/v1/roles': ROLE_CATALOGUE } })
    const r = rows(w, 'role-table')
    expect(r.find((t) => t.includes('政府管理员'))).toContain('政府部门')
    expect(r.find((t) => t.includes('客户经理'))).toContain('银行')
  })
})
