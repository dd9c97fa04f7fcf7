/**
 * Dictionaries for the enum values the API uses (RuoYi keeps these in 字典管理;
 * here they are fixed by the API contract, docs/identity-api.md). Each entry has
 * the Chinese label and the el-tag type used wherever the value is shown.
 */
import type { OrgKind } from '@/api/organisations'
import { serverNow } from '@/utils/clock'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export interface DictEntry<V extends string = string> {
  value: V
  label: string
  tag: TagType
}

/** A value → entry lookup over a dictionary. */
export function lookup<V extends string>(entries: readonly DictEntry<V>[]) {
  const map = new Map<string, DictEntry<V>>(entries.map((e) => [e.value, e]))
  return (value: string | null | undefined): DictEntry<V> | undefined => (value == null ? undefined : map.get(value))
}

/** Organisation kinds (`Organisation.kind`, `Role.orgKind`). */
export const ORG_KINDS: readonly DictEntry<OrgKind>[] = [
  { value: 'operator', label: '平台运营方', tag: 'danger' },
  { value: 'government', label: '政府部门', tag: 'primary' },
  { value: 'bank', label: '银行', tag: 'warning' },
  { value: 'enterprise', label: '企业', tag: 'success' },
  { value: 'provider', label: '数据提供方', tag: 'info' },
  { value: 'park', label: '园区载体', tag: 'success' },
]
export const orgKindOf = lookup(ORG_KINDS)

/** Audit outcomes (`AuditEntry.outcome`). */
export const AUDIT_OUTCOMES: readonly DictEntry<'success' | 'failure' | 'denied'>[] = [
  { value: 'success', label: '成功', tag: 'success' },
  { value: 'failure', label: '失败', tag: 'warning' },
  { value: 'denied', label: '拒绝', tag: 'danger' },
]
export const auditOutcomeOf = lookup(AUDIT_OUTCOMES)

/** Audit action codes (stable, see the contract) with Chinese labels. */
export const AUDIT_ACTIONS: readonly DictEntry[] = [
  { value: 'auth.login', label: '登录', tag: 'info' },
  { value: 'auth.logout', label: '退出登录', tag: 'info' },
  { value: 'auth.password.change', label: '修改密码', tag: 'info' },
  { value: 'session.revoke', label: '下线会话', tag: 'info' },
  { value: 'access.denied', label: '越权访问', tag: 'danger' },
  { value: 'user.create', label: '新增用户', tag: 'primary' },
  { value: 'user.update', label: '修改用户', tag: 'primary' },
  { value: 'user.password.reset', label: '重置密码', tag: 'primary' },
  { value: 'org.create', label: '新增机构', tag: 'primary' },
  { value: 'org.update', label: '修改机构', tag: 'primary' },
  { value: 'token.issue', label: '签发令牌', tag: 'warning' },
  { value: 'token.revoke', label: '吊销令牌', tag: 'warning' },
  { value: 'enterprise.read', label: '查看企业信息', tag: 'info' },
  { value: 'audit.export', label: '导出审计日志', tag: 'warning' },
]
export const auditActionOf = lookup(AUDIT_ACTIONS)

/** Object types the audit trail names (`AuditEntry.objectType`). */
export const AUDIT_OBJECT_TYPES: readonly DictEntry[] = [
  { value: 'user', label: '用户', tag: 'info' },
  { value: 'organisation', label: '机构', tag: 'info' },
  { value: 'session', label: '会话', tag: 'info' },
  { value: 'token', label: '令牌', tag: 'info' },
  { value: 'enterprise', label: '企业', tag: 'info' },
  { value: 'audit', label: '审计日志', tag: 'info' },
]
export const objectTypeOf = lookup(AUDIT_OBJECT_TYPES)

export type UserStatus = 'active' | 'disabled' | 'locked'

/** User status as shown; the list filter knows only active/disabled (locked is temporary). */
export const USER_STATUSES: readonly DictEntry<UserStatus>[] = [
  { value: 'active', label: '正常', tag: 'success' },
  { value: 'disabled', label: '停用', tag: 'danger' },
  { value: 'locked', label: '锁定', tag: 'warning' },
]
export const userStatusOf = lookup(USER_STATUSES)

/** 停用 wins over 锁定: a disabled account stays disabled after the lock runs out. */
export function userStatus(
  user: { disabled: boolean; lockedUntil?: string | null },
  now: number = serverNow(),
): UserStatus {
  if (user.disabled) return 'disabled'
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) return 'locked'
  return 'active'
}

/** Organisation status. */
export const ORG_STATUSES: readonly DictEntry<'active' | 'disabled'>[] = [
  { value: 'active', label: '正常', tag: 'success' },
  { value: 'disabled', label: '停用', tag: 'danger' },
]

/** API token status, derived from `revoked` and `expiresAt`. */
export const TOKEN_STATUSES: readonly DictEntry<'active' | 'expired' | 'revoked'>[] = [
  { value: 'active', label: '有效', tag: 'success' },
  { value: 'expired', label: '已过期', tag: 'info' },
  { value: 'revoked', label: '已吊销', tag: 'danger' },
]
export const tokenStatusOf = lookup(TOKEN_STATUSES)

export function tokenStatus(token: { revoked: boolean; expiresAt: string }, now: number = serverNow()) {
  if (token.revoked) return 'revoked' as const
  if (Date.parse(token.expiresAt) <= now) return 'expired' as const
  return 'active' as const
}

export interface RoleDef {
  code: string
  name: string
  orgKind: OrgKind
}

/**
 * The roles of the contract. The server's GET /api/v1/roles (permission
 * `role.read`) is authoritative and preferred; this list names the roles for
 * callers without that permission (e.g. a user's own roles in 个人中心).
 */
export const ROLES: readonly RoleDef[] = [
  { code: 'enterprise-staff', name: '企业经办人', orgKind: 'enterprise' },
  { code: 'enterprise-admin', name: '企业管理员', orgKind: 'enterprise' },
  { code: 'bank-officer', name: '客户经理', orgKind: 'bank' },
  { code: 'bank-manager', name: '银行管理员', orgKind: 'bank' },
  { code: 'gov-viewer', name: '政府查看员', orgKind: 'government' },
  { code: 'gov-officer', name: '政府经办人', orgKind: 'government' },
  { code: 'gov-admin', name: '政府管理员', orgKind: 'government' },
  { code: 'provider-uploader', name: '数据报送员', orgKind: 'provider' },
  { code: 'platform-admin', name: '平台管理员', orgKind: 'operator' },
]

/** Permission codes with Chinese names (again, the server's list wins when available). */
export const PERMISSIONS: readonly { code: string; name: string }[] = [
  { code: 'self', name: '个人中心（资料、密码、会话）' },
  { code: 'user.read', name: '查看用户' },
  { code: 'user.manage', name: '管理用户' },
  { code: 'org.read', name: '查看机构' },
  { code: 'org.manage', name: '管理机构' },
  { code: 'role.read', name: '查看角色与权限' },
  { code: 'token.manage', name: '管理接口令牌' },
  { code: 'audit.read', name: '查看审计日志' },
  { code: 'audit.export', name: '导出审计日志' },
  { code: 'enterprise.read', name: '查看企业信息（限数据范围内）' },
  { code: 'enterprise.export', name: '导出企业信息' },
  { code: 'collect.read', name: '查看归集数据' },
  { code: 'collect.submit', name: '报送数据' },
]
