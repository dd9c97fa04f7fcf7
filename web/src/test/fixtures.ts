// Shared fixtures for unit tests: `Me` objects for a few roles and a fetch stub
// that answers by method and path.
import { vi } from 'vitest'
import type { Me } from '@/api/auth'
import type { Batch } from '@/api/collect'
import type { Consent, ConsentRead } from '@/api/consent'
import type { OrgKind } from '@/api/organisations'

const ROLE_PERMISSIONS: Record<string, string[]> = {
  'enterprise-staff': ['self', 'enterprise.read'],
  'enterprise-admin': ['self', 'enterprise.read', 'user.read', 'user.manage', 'role.read'],
  'bank-officer': ['self', 'enterprise.read'],
  'bank-manager': ['self', 'enterprise.read', 'user.read', 'user.manage', 'role.read', 'token.manage'],
  'gov-viewer': ['self', 'enterprise.read', 'org.read', 'collect.read'],
  'gov-officer': ['self', 'enterprise.read', 'enterprise.export', 'org.read', 'user.read', 'collect.read'],
  'gov-admin': [
    'self', 'enterprise.read', 'enterprise.export', 'org.read', 'user.read', 'user.manage', 'role.read', 'audit.read',
    'audit.export', 'collect.read',
  ],
  'provider-uploader': ['self', 'enterprise.read', 'token.manage', 'collect.read', 'collect.submit'],
  'platform-admin': [
    'self', 'enterprise.read', 'enterprise.export', 'org.read', 'org.manage', 'user.read', 'user.manage', 'role.read',
    'token.manage', 'audit.read', 'audit.export', 'collect.read', 'collect.submit', 'collect.manage',
  ],
}

const ORG_OF_ROLE: Record<string, { id: number; kind: OrgKind; name: string; regionCode: string }> = {
  enterprise: { id: 5, kind: 'enterprise', name: '焦作市天宝桓祥科技有限公司', regionCode: '410871' },
  bank: { id: 3, kind: 'bank', name: '工商银行焦作分行', regionCode: '410800' },
  gov: { id: 2, kind: 'government', name: '示范区（高新区）党工委、管委会', regionCode: '410871' },
  provider: { id: 4, kind: 'provider', name: '焦作市市场监督管理局', regionCode: '410800' },
  platform: { id: 1, kind: 'operator', name: '焦作智慧金服公司', regionCode: '410800' },
}

export function permissionsOf(role: string): string[] {
  const list = ROLE_PERMISSIONS[role]
  if (!list) throw new Error(`unknown role ${role}`)
  return [...list].sort()
}

export function meFor(role: string, csrfToken = 'csrf-test-token'): Me {
  const org = ORG_OF_ROLE[role.split('-')[0]]
  return {
    user: {
      id: 100,
      username: `demo-${role}`,
      displayName: `演示${role}`,
      mobile: '13800001234',
      organisationId: org.id,
      organisationName: org.name,
      roles: [role],
      disabled: false,
      lockedUntil: null,
      createdAt: '2026-01-05T09:00:00+08:00',
      lastLoginAt: '2026-03-01T08:30:00+08:00',
    },
    organisation: {
      ...org,
      shortName: null,
      parentId: null,
      uscc: null,
      disabled: false,
      createdAt: '2026-01-01T00:00:00+08:00',
    },
    permissions: permissionsOf(role),
    csrfToken,
  }
}

export function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** The server's 422 for a body that fails validation, with the field errors it names. */
export function invalid(errors: { field: string; message: string }[], title = '内容校验未通过'): Response {
  return json({ title, status: 422, code: 'validation_failed', errors }, 422)
}

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>

/**
 * Stubs global fetch with a table of `'METHOD /api/v1/path'` → handler; paths
 * match without the query string. Unknown routes answer 404 so a test notices.
 */
export function stubApi(routes: Record<string, Handler | object>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const key = `${init.method ?? 'GET'} ${url.pathname}`
    if (!(key in routes)) return json({ title: '资源不存在', status: 404, code: 'not_found', detail: key }, 404)
    const route = routes[key]
    return typeof route === 'function' ? (route as Handler)(url, init) : json(route)
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

/** Which `METHOD path` pairs were called, in order. */
export function calledRoutes(fetchMock: ReturnType<typeof stubApi>): string[] {
  return fetchMock.mock.calls.map(([input, init]) => {
    const url = new URL(String(input), 'http://localhost')
    return `${(init as RequestInit | undefined)?.method ?? 'GET'} ${url.pathname}`
  })
}

export const ROLE_CATALOGUE = {
  roles: Object.entries(ROLE_PERMISSIONS).map(([code, permissions]) => ({
    code,
    name:
      {
        'enterprise-staff': '企业经办人',
        'enterprise-admin': '企业管理员',
        'bank-officer': '客户经理',
        'bank-manager': '银行管理员',
        'gov-viewer': '政府查看员',
        'gov-officer': '政府经办人',
        'gov-admin': '政府管理员',
        'provider-uploader': '数据报送员',
        'platform-admin': '平台管理员',
      }[code] ?? code,
    nameEn: code,
    orgKind: (
      {
        enterprise: 'enterprise',
        bank: 'bank',
        gov: 'government',
        provider: 'provider',
        platform: 'operator',
      } as const
    )[code.split('-')[0] as 'enterprise'],
    permissions,
  })),
  permissions: [
    { code: 'self', name: '个人中心（资料、密码、会话）', nameEn: 'Self' },
    { code: 'user.read', name: '查看用户', nameEn: 'Read users' },
  ],
}

/** The job an upload answers with (202), finished with `result` unless another status is given. */
export function importJob(result: unknown, status = 'succeeded', done = 120) {
  return {
    id: 'job-1',
    kind: 'collect.import',
    status,
    done,
    total: 120,
    unit: '行',
    percent: status === 'succeeded' ? 100 : Math.floor((done * 100) / 120),
    cancelRequested: false,
    result: status === 'succeeded' ? result : null,
    problem: null as unknown,
    createdAt: '2026-11-27T10:00:00.000+08:00',
    startedAt: null,
    finishedAt: null,
  }
}

/** A completed upload batch (tax data from the tax bureau) with a few quarantined rows. */
export function batchFixture(patch: Partial<Batch> = {}): Batch {
  return {
    id: 42,
    providerId: 4,
    providerName: '焦作市税务局',
    category: 'tax',
    categoryName: '纳税信息',
    source: 'upload',
    fileName: '2026年3月 纳税&申报.csv',
    format: 'csv',
    encoding: 'gb18030',
    contentSha256: 'ab'.repeat(32),
    status: 'completed',
    rowsTotal: 120,
    rowsAccepted: 115,
    rowsUnchanged: 0,
    rowsQuarantined: 5,
    rowsSuperseding: 3,
    unknownColumns: [],
    resubmitOf: null,
    receivedAt: '2026-04-03T10:00:00+08:00',
    completedAt: '2026-04-03T10:00:02+08:00',
    submittedBy: 'demo-provider-uploader',
    ...patch,
  }
}

/** A live consent of the enterprise to 工商银行焦作分行 for its 信用画像 (30 days). */
export function consentFixture(patch: Partial<Consent> = {}): Consent {
  return {
    id: 1,
    enterprise: { id: 7, name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U' },
    bank: { id: 15, name: '工商银行焦作分行' },
    scopes: [{ code: 'credit', zh: '信用画像' }],
    grantedBy: 'demo-enterprise-staff',
    grantedAt: '2026-11-28T10:00:00+08:00',
    expiresAt: '2026-12-28T10:00:00+08:00',
    revokedAt: null,
    status: 'live',
    ...patch,
  }
}

/** 工商银行焦作分行 reading the enterprise's 信用画像 under its consent. */
export function consentReadFixture(patch: Partial<ConsentRead> = {}): ConsentRead {
  return {
    at: '2026-11-28T10:05:00+08:00',
    organisation: '工商银行焦作分行',
    username: 'demo-bank-officer',
    action: 'credit.profile.read',
    actionZh: '查看信用画像',
    detail: '91410800171971661U 信用画像',
    ...patch,
  }
}
