import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import DictTag from '@/components/DictTag.vue'
import { DICTIONARIES } from '@/test/setup'
import {
  dictEntries,
  dictEntry,
  labelOf,
  loadDictionaries,
  setDictionaries,
  tagOf,
  tokenStatus,
  useDict,
  userStatus,
} from './dict'

describe('the dictionary store', () => {
  afterEach(() => setDictionaries(DICTIONARIES))

  it('names every organisation kind, in the server order', () => {
    expect(dictEntries('org_kind').map((k) => [k.value, k.label])).toEqual([
      ['operator', '平台运营方'],
      ['government', '政府部门'],
      ['bank', '银行'],
      ['enterprise', '企业'],
      ['provider', '数据提供方'],
      ['park', '园区载体'],
    ])
    expect(dictEntry('org_kind', 'bank')?.label).toBe('银行')
    expect(dictEntry('org_kind', 'unknown')).toBeUndefined()
  })

  it('labels a value, falls back to the code, and "-" for nothing', () => {
    expect(labelOf('application_state', 'submitted')).toBe('已提交')
    expect(labelOf('application_state', 'no_such_state')).toBe('no_such_state')
    expect(labelOf('application_state', null)).toBe('-')
    expect(tagOf('audit_outcome', 'denied')).toBe('danger')
    expect(tagOf('audit_outcome', 'nope')).toBe('info')
  })

  it('loads GET /api/v1/dictionaries once; until then, and when it fails, labels are the codes', async () => {
    setDictionaries({})
    expect(labelOf('urgency', 'urgent')).toBe('urgent')
    const fetch = vi.fn().mockResolvedValueOnce(new Response('{}', { status: 503 }))
    vi.stubGlobal('fetch', fetch)
    await loadDictionaries()
    expect(labelOf('urgency', 'urgent')).toBe('urgent')
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ dictionaries: { urgency: [{ value: 'urgent', label: '较急', tag: 'warning' }] } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    )
    await loadDictionaries()
    await loadDictionaries()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(String(fetch.mock.calls[1][0])).toContain('/api/v1/dictionaries')
    expect(labelOf('urgency', 'urgent')).toBe('较急')
  })

  it('useDict gives reactive entry lists', () => {
    const d = useDict('urgency', 'size_class')
    expect(d.urgency.map((e) => e.label)).toEqual(['一般', '较急', '紧急'])
    setDictionaries({ urgency: [{ value: 'normal', label: '普通', tag: 'info' }] })
    expect(d.urgency.map((e) => e.label)).toEqual(['普通'])
    expect(d.size_class).toEqual([])
  })

  it('<DictTag> shows the label of a value from a named dictionary', () => {
    const w = mount(DictTag, { props: { dict: 'demand_status', value: 'open' } })
    expect(w.text()).toBe('待接单')
    expect(w.find('.el-tag--warning').exists()).toBe(true)
    expect(mount(DictTag, { props: { dict: 'demand_status', value: 'mystery' } }).text()).toBe('mystery')
    expect(mount(DictTag, { props: { dict: 'demand_status', value: null } }).text()).toBe('-')
  })

  it('derives a user status: 停用 over 锁定 over 正常', () => {
    const now = Date.parse('2026-03-01T12:00:00+08:00')
    expect(userStatus({ disabled: false, lockedUntil: null }, now)).toBe('active')
    expect(userStatus({ disabled: false, lockedUntil: '2026-03-01T12:10:00+08:00' }, now)).toBe('locked')
    expect(userStatus({ disabled: false, lockedUntil: '2026-03-01T11:50:00+08:00' }, now)).toBe('active')
    expect(userStatus({ disabled: true, lockedUntil: '2026-03-01T12:10:00+08:00' }, now)).toBe('disabled')
    expect(['active', 'disabled', 'locked'].map((s) => labelOf('user_status', s))).toEqual(['正常', '停用', '锁定'])
  })

  it('derives a token status', () => {
    const now = Date.parse('2026-03-01T12:00:00+08:00')
    expect(tokenStatus({ revoked: false, expiresAt: '2026-04-01T00:00:00+08:00' }, now)).toBe('active')
    expect(tokenStatus({ revoked: false, expiresAt: '2026-02-01T00:00:00+08:00' }, now)).toBe('expired')
    expect(tokenStatus({ revoked: true, expiresAt: '2026-04-01T00:00:00+08:00' }, now)).toBe('revoked')
  })

  it('names the roles of the contract', () => {
    expect(dictEntries('role')).toHaveLength(10)
    expect(labelOf('role', 'gov-admin')).toBe('政府管理员')
  })
})
