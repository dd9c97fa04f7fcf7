import { describe, expect, it } from 'vitest'
import { AUDIT_OUTCOMES, ORG_KINDS, ROLES, auditOutcomeOf, orgKindOf, tokenStatus, userStatus, userStatusOf } from './dict'

describe('dict', () => {
  it('names every organisation kind of the contract', () => {
    expect(ORG_KINDS.map((k) => [k.value, k.label])).toEqual([
      ['operator', '平台运营方'],
      ['government', '政府部门'],
      ['bank', '银行'],
      ['enterprise', '企业'],
      ['provider', '数据提供方'],
      ['park', '园区载体'],
    ])
    expect(orgKindOf('bank')?.label).toBe('银行')
    expect(orgKindOf('unknown')).toBeUndefined()
  })

  it('names the audit outcomes', () => {
    expect(AUDIT_OUTCOMES.map((o) => o.label)).toEqual(['成功', '失败', '拒绝'])
    expect(auditOutcomeOf('denied')?.tag).toBe('danger')
  })

  it('derives a user status: 停用 over 锁定 over 正常', () => {
    const now = Date.parse('2026-03-01T12:00:00+08:00')
    expect(userStatus({ disabled: false, lockedUntil: null }, now)).toBe('active')
    expect(userStatus({ disabled: false, lockedUntil: '2026-03-01T12:10:00+08:00' }, now)).toBe('locked')
    expect(userStatus({ disabled: false, lockedUntil: '2026-03-01T11:50:00+08:00' }, now)).toBe('active')
    expect(userStatus({ disabled: true, lockedUntil: '2026-03-01T12:10:00+08:00' }, now)).toBe('disabled')
    expect(['active', 'disabled', 'locked'].map((s) => userStatusOf(s)?.label)).toEqual(['正常', '停用', '锁定'])
  })

  it('derives a token status', () => {
    const now = Date.parse('2026-03-01T12:00:00+08:00')
    expect(tokenStatus({ revoked: false, expiresAt: '2026-04-01T00:00:00+08:00' }, now)).toBe('active')
    expect(tokenStatus({ revoked: false, expiresAt: '2026-02-01T00:00:00+08:00' }, now)).toBe('expired')
    expect(tokenStatus({ revoked: true, expiresAt: '2026-04-01T00:00:00+08:00' }, now)).toBe('revoked')
  })

  it('lists the nine roles of the contract', () => {
    expect(ROLES.map((r) => r.code)).toHaveLength(9)
    expect(ROLES.find((r) => r.code === 'gov-admin')).toEqual({ code: 'gov-admin', name: '政府管理员', orgKind: 'government' })
  })
})
