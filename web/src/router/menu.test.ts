import { describe, expect, it } from 'vitest'
import { buildMenu, canAccess, firstPageOf, type MenuItem } from './menu'
import { routes } from './routes'
import { meFor, permissionsOf } from '@/test/fixtures'

function strip(item: MenuItem): unknown {
  return { path: item.path, title: item.title, hasIcon: !!item.icon, children: item.children?.map(strip) }
}

/** The menu as titles: 'Group > Page' for submenu entries. */
function titles(items: MenuItem[], prefix = ''): string[] {
  return items.flatMap((i) => (i.children ? titles(i.children, `${i.title} > `) : [`${prefix}${i.title}`]))
}

/**
 * The credit permissions of each role (docs/credit-api.md), on top of the shared fixtures'
 * identity and collection permissions; gov-credit (政府信用专员) is a credit-only role.
 */
const CREDIT_PERMISSIONS: Record<string, string[]> = {
  'enterprise-staff': ['credit.read'],
  'enterprise-admin': ['credit.read'],
  'bank-officer': ['credit.read'],
  'bank-manager': ['credit.read'],
  'gov-viewer': ['credit.stats'],
  'gov-officer': ['credit.stats'],
  'gov-admin': ['credit.stats'],
  'gov-credit': ['credit.read', 'credit.stats'],
  'platform-admin': ['credit.stats', 'credit.manage'],
}

/** The consent permissions (docs/finance-api.md): enterprises grant and read, banks read. */
const CONSENT_PERMISSIONS: Record<string, string[]> = {
  'enterprise-staff': ['consent.manage', 'consent.read'],
  'enterprise-admin': ['consent.manage', 'consent.read'],
  'bank-officer': ['consent.read'],
  'bank-manager': ['consent.read'],
}

/** The marketplace permissions (融资对接): enterprises publish demands, banks handle deals and products, the government watches. */
const FINANCE_PERMISSIONS: Record<string, string[]> = {
  'enterprise-staff': ['finance.read', 'demand.manage'],
  'enterprise-admin': ['finance.read', 'demand.manage'],
  'bank-officer': ['finance.read', 'deal.handle'],
  'bank-manager': ['finance.read', 'deal.handle', 'product.manage'],
  'gov-viewer': ['finance.read', 'finance.stats'],
  'gov-officer': ['finance.read', 'finance.stats'],
  'gov-admin': ['finance.read', 'finance.stats'],
  'platform-admin': ['finance.read', 'finance.stats', 'finance.manage'],
}

function permissionsWithCredit(role: string): string[] {
  const base = role === 'gov-credit' ? ['self', 'enterprise.read', 'org.read'] : permissionsOf(role)
  return [
    ...base,
    ...(CREDIT_PERMISSIONS[role] ?? []),
    ...(CONSENT_PERMISSIONS[role] ?? []),
    ...(FINANCE_PERMISSIONS[role] ?? []),
  ]
}

/** What a role may hold, as `can`. */
function canOf(role: string) {
  const held = new Set(permissionsWithCredit(role))
  return (p: string) => held.has(p)
}

/** The menu a demo role sees: its permissions and its organisation's kind. */
function menuFor(role: string): string[] {
  const held = new Set(permissionsWithCredit(role))
  const kind = role === 'gov-credit' ? 'government' : meFor(role).organisation.kind
  return titles(buildMenu(routes, (p) => held.has(p), kind))
}

const TOOLS = ['工具箱 > 信用代码校验', '工具箱 > 工作日计算']
const SEARCH = ['企业库 > 企业查询']
const CATALOGUE = ['数据归集 > 数据目录']
const COLLECT = ['数据归集 > 数据目录', '数据归集 > 归集批次', '数据归集 > 归集时效']
const CREDIT_MINE = ['信用评价 > 信用画像']
const CREDIT_STATS = ['信用评价 > 信用分布']
const CREDIT_MANAGE = ['信用评价 > 信用分布', '信用评价 > 评分卡管理']
const ENTERPRISE_FINANCE = [
  '融资对接 > 产品超市',
  '融资对接 > 发布需求',
  '融资对接 > 我的需求',
  '融资对接 > 我的申请',
  '融资对接 > 数据授权',
]
const BANK_OFFICER_FINANCE = ['融资对接 > 商机', '融资对接 > 申请处理', '融资对接 > 授权企业']
const BANK_MANAGER_FINANCE = ['融资对接 > 产品管理', ...BANK_OFFICER_FINANCE]
const GOV_FINANCE = ['融资对接 > 产品超市', '融资对接 > 对接总览', '融资对接 > 超时督办']
const ADMIN_FINANCE = [...GOV_FINANCE, '融资对接 > 对接时限']

describe('buildMenu', () => {
  it('derives the sidebar from the route table (everything allowed)', () => {
    expect(buildMenu(routes).map(strip)).toEqual([
      { path: '/', title: '首页', hasIcon: true, children: undefined },
      {
        path: '/registry',
        title: '企业库',
        hasIcon: true,
        children: [
          { path: '/registry/enterprises', title: '企业查询', hasIcon: true, children: undefined },
          { path: '/registry/mine', title: '我的企业档案', hasIcon: true, children: undefined },
        ],
      },
      {
        path: '/collect',
        title: '数据归集',
        hasIcon: true,
        children: [
          { path: '/collect/catalogue', title: '数据目录', hasIcon: true, children: undefined },
          { path: '/collect/batches', title: '归集批次', hasIcon: true, children: undefined },
          { path: '/collect/timeliness', title: '归集时效', hasIcon: true, children: undefined },
        ],
      },
      {
        path: '/credit',
        title: '信用评价',
        hasIcon: true,
        children: [
          { path: '/credit/mine', title: '信用画像', hasIcon: true, children: undefined },
          { path: '/credit/distribution', title: '信用分布', hasIcon: true, children: undefined },
          { path: '/credit/scorecards', title: '评分卡管理', hasIcon: true, children: undefined },
        ],
      },
      {
        path: '/finance',
        title: '融资对接',
        hasIcon: true,
        children: [
          { path: '/finance/products', title: '产品超市', hasIcon: true, children: undefined },
          { path: '/finance/publish', title: '发布需求', hasIcon: true, children: undefined },
          { path: '/finance/demands', title: '我的需求', hasIcon: true, children: undefined },
          { path: '/finance/applications', title: '我的申请', hasIcon: true, children: undefined },
          { path: '/finance/consents', title: '数据授权', hasIcon: true, children: undefined },
          { path: '/finance/my-products', title: '产品管理', hasIcon: true, children: undefined },
          { path: '/finance/opportunities', title: '商机', hasIcon: true, children: undefined },
          { path: '/finance/deals', title: '申请处理', hasIcon: true, children: undefined },
          { path: '/finance/authorized', title: '授权企业', hasIcon: true, children: undefined },
          { path: '/finance/overview', title: '对接总览', hasIcon: true, children: undefined },
          { path: '/finance/overdue', title: '超时督办', hasIcon: true, children: undefined },
          { path: '/finance/settings', title: '对接时限', hasIcon: true, children: undefined },
        ],
      },
      {
        path: '/system',
        title: '系统管理',
        hasIcon: true,
        children: [
          { path: '/system/user', title: '用户管理', hasIcon: true, children: undefined },
          { path: '/system/org', title: '机构管理', hasIcon: true, children: undefined },
          { path: '/system/role', title: '角色与权限', hasIcon: true, children: undefined },
          { path: '/system/token', title: '接口令牌', hasIcon: true, children: undefined },
          { path: '/system/audit', title: '审计日志', hasIcon: true, children: undefined },
        ],
      },
      {
        path: '/tools',
        title: '工具箱',
        hasIcon: true,
        children: [
          { path: '/tools/uscc', title: '信用代码校验', hasIcon: true, children: undefined },
          { path: '/tools/calendar', title: '工作日计算', hasIcon: true, children: undefined },
        ],
      },
    ])
  })

  it('keeps the login, profile, 404 and detail pages out of the menu', () => {
    const paths = titles(buildMenu(routes))
    expect(paths).not.toContain('登录')
    expect(paths).not.toContain('个人中心')
    expect(paths).not.toContain('页面不存在')
    expect(paths).not.toContain('企业库 > 企业档案')
    expect(paths).not.toContain('数据归集 > 批次详情')
    expect(paths).not.toContain('融资对接 > 申请详情')
    expect(paths).not.toContain('融资对接 > 办理申请')
    expect(paths).not.toContain('站内信')
    expect(paths.filter((p) => p === '信用评价 > 信用画像')).toHaveLength(1)
  })

  it('shows 首页, 数据目录 and 工具箱 to an operator or provider user without permissions, and 首页 alone without an organisation', () => {
    for (const kind of ['operator', 'government', 'provider']) {
      expect(buildMenu(routes, () => false, kind).map((m) => m.title)).toEqual(['首页', '数据归集', '工具箱'])
      expect(titles(buildMenu(routes, () => false, kind))).toEqual(['首页', ...CATALOGUE, ...TOOLS])
    }
    expect(titles(buildMenu(routes, () => false, null))).toEqual(['首页'])
  })

  it('gives enterprise users 我的企业档案 in place of 企业查询, and 信用画像, and no one else', () => {
    expect(menuFor('enterprise-staff')).toEqual(['首页', '企业库 > 我的企业档案', ...CREDIT_MINE, ...ENTERPRISE_FINANCE])
    for (const role of ['enterprise-staff', 'enterprise-admin']) expect(menuFor(role)).not.toContain('企业库 > 企业查询')
    for (const role of ['bank-officer', 'gov-admin', 'gov-credit', 'provider-uploader', 'platform-admin']) {
      expect(menuFor(role)).toContain('企业库 > 企业查询')
      expect(menuFor(role)).not.toContain('企业库 > 我的企业档案')
      expect(menuFor(role)).not.toContain('信用评价 > 信用画像')
    }
  })

  it('shows 数据归集 > 归集批次 to a provider uploader but not to a bank officer', () => {
    expect(menuFor('provider-uploader')).toContain('数据归集 > 归集批次')
    expect(menuFor('bank-officer')).not.toContain('数据归集 > 归集批次')
    expect(menuFor('bank-officer')).toEqual(['首页', ...SEARCH, ...BANK_OFFICER_FINANCE])
  })

  it('keeps 数据目录, 角色与权限 and 工具箱 out of the menus of enterprises and banks, whatever they hold', () => {
    const all = () => true
    for (const kind of ['enterprise', 'bank']) {
      const menu = titles(buildMenu(routes, all, kind))
      expect(menu).not.toContain('数据归集 > 数据目录')
      expect(menu).not.toContain('系统管理 > 角色与权限')
      expect(menu.some((t) => t.startsWith('工具箱'))).toBe(false)
    }
    for (const role of ['enterprise-staff', 'enterprise-admin', 'bank-officer', 'bank-manager']) {
      expect(menuFor(role).some((t) => t.startsWith('数据归集') || t.startsWith('工具箱'))).toBe(false)
      expect(menuFor(role)).not.toContain('系统管理 > 角色与权限')
    }
    // The operator and the government keep all three; a provider its 数据目录 and 工具箱 (it holds no role.read).
    for (const role of ['gov-admin', 'platform-admin']) {
      expect(menuFor(role)).toContain('数据归集 > 数据目录')
      expect(menuFor(role)).toContain('系统管理 > 角色与权限')
      expect(menuFor(role)).toEqual(expect.arrayContaining(TOOLS))
    }
    expect(menuFor('provider-uploader')).toContain('数据归集 > 数据目录')
    expect(menuFor('provider-uploader')).toEqual(expect.arrayContaining(TOOLS))
    expect(titles(buildMenu(routes, all, 'provider'))).not.toContain('系统管理 > 角色与权限')
  })

  it('keeps 信用评价 out of the menu of a bank (credit.read without consent has no page of its own)', () => {
    expect(menuFor('bank-manager').some((t) => t.startsWith('信用评价'))).toBe(false)
  })

  it('gives each side of the marketplace its own 融资对接 pages', () => {
    const finance = (role: string) => menuFor(role).filter((t) => t.startsWith('融资对接'))
    for (const role of ['enterprise-staff', 'enterprise-admin']) expect(finance(role)).toEqual(ENTERPRISE_FINANCE)
    expect(finance('bank-officer')).toEqual(BANK_OFFICER_FINANCE)
    expect(finance('bank-manager')).toEqual(BANK_MANAGER_FINANCE)
    for (const role of ['gov-viewer', 'gov-officer', 'gov-admin']) expect(finance(role)).toEqual(GOV_FINANCE)
    expect(finance('platform-admin')).toEqual(ADMIN_FINANCE)
    for (const role of ['gov-credit', 'provider-uploader']) expect(finance(role)).toEqual([])
  })

  it('keeps each side out of the others’ 融资对接 pages, whatever they hold', () => {
    const all = () => true
    const finance = (kind: string) => titles(buildMenu(routes, all, kind)).filter((t) => t.startsWith('融资对接'))
    expect(finance('bank')).toEqual(['融资对接 > 产品管理', ...BANK_OFFICER_FINANCE, '融资对接 > 对接总览', '融资对接 > 超时督办', '融资对接 > 对接时限'])
    expect(finance('enterprise')).not.toContain('融资对接 > 授权企业')
    expect(finance('enterprise')).not.toContain('融资对接 > 商机')
    expect(finance('government')).toEqual(ADMIN_FINANCE)
    // Government users browse the 产品超市 but neither publish demands nor apply.
    expect(finance('government')).not.toContain('融资对接 > 发布需求')
  })

  it('gives the government 信用分布 and only the platform admin 评分卡管理', () => {
    expect(menuFor('gov-credit')).toEqual(['首页', ...SEARCH, ...CATALOGUE, ...CREDIT_STATS, '系统管理 > 机构管理', ...TOOLS])
    for (const role of ['gov-viewer', 'gov-officer', 'gov-admin', 'gov-credit'])
      expect(menuFor(role)).not.toContain('信用评价 > 评分卡管理')
    expect(menuFor('platform-admin')).toContain('信用评价 > 评分卡管理')
  })

  it.each([
    // Enterprises and banks: neither 数据目录, 角色与权限 (their admins hold role.read) nor 工具箱.
    ['enterprise-admin', ['企业库 > 我的企业档案', ...CREDIT_MINE, ...ENTERPRISE_FINANCE, '系统管理 > 用户管理']],
    ['bank-manager', [...SEARCH, ...BANK_MANAGER_FINANCE, '系统管理 > 用户管理', '系统管理 > 接口令牌']],
    ['gov-viewer', [...SEARCH, ...COLLECT, ...CREDIT_STATS, ...GOV_FINANCE, '系统管理 > 机构管理', ...TOOLS]],
    ['gov-officer', [...SEARCH, ...COLLECT, ...CREDIT_STATS, ...GOV_FINANCE, '系统管理 > 用户管理', '系统管理 > 机构管理', ...TOOLS]],
    [
      'gov-admin',
      [
        ...SEARCH,
        ...COLLECT,
        ...CREDIT_STATS,
        ...GOV_FINANCE,
        '系统管理 > 用户管理',
        '系统管理 > 机构管理',
        '系统管理 > 角色与权限',
        '系统管理 > 审计日志',
        ...TOOLS,
      ],
    ],
    ['provider-uploader', [...SEARCH, ...COLLECT, '系统管理 > 接口令牌', ...TOOLS]],
    [
      'platform-admin',
      [
        ...SEARCH,
        ...COLLECT,
        ...CREDIT_MANAGE,
        ...ADMIN_FINANCE,
        '系统管理 > 用户管理',
        '系统管理 > 机构管理',
        '系统管理 > 角色与权限',
        '系统管理 > 接口令牌',
        '系统管理 > 审计日志',
        ...TOOLS,
      ],
    ],
  ])('filters the menu by the permissions of %s', (role, pages) => {
    expect(menuFor(role)).toEqual(['首页', ...pages])
  })

  it('skips hidden routes and titled groups whose children are all hidden', () => {
    const noop = { render: () => null }
    const menu = buildMenu([
      { path: '/a', component: noop, meta: { title: 'A', hidden: true } },
      {
        path: '/b',
        component: noop,
        meta: { title: 'B' },
        children: [{ path: 'x', component: noop, meta: { title: 'X', hidden: true } }],
      },
      { path: '/c', component: noop, meta: { title: 'C' } },
    ])
    expect(menu.map((m) => m.path)).toEqual(['/c'])
  })

  it('drops a group with a permission the user lacks, whatever its children allow', () => {
    const noop = { render: () => null }
    const records = [
      {
        path: '/g',
        component: noop,
        meta: { title: 'G', permission: 'g.read' },
        children: [{ path: 'x', component: noop, meta: { title: 'X' } }],
      },
    ]
    expect(buildMenu(records, () => false)).toEqual([])
    expect(titles(buildMenu(records, (p) => p === 'g.read'))).toEqual(['G > X'])
  })
})

describe('canAccess', () => {
  it('needs every permission along the matched route records', () => {
    const matched = [{ meta: {} }, { meta: { permission: 'audit.read' } }]
    expect(canAccess(matched, (p) => p === 'audit.read')).toBe(true)
    expect(canAccess(matched, () => false)).toBe(false)
    expect(canAccess([{ meta: {} }], () => false)).toBe(true)
  })

  it('keeps pages for other kinds of organisation closed', () => {
    const matched = [{ meta: {} }, { meta: { permission: 'enterprise.read', orgKinds: ['enterprise'] } }]
    const can = (p: string) => p === 'enterprise.read'
    expect(canAccess(matched, can, 'enterprise')).toBe(true)
    expect(canAccess(matched, can, 'bank')).toBe(false)
    expect(canAccess(matched, can, null)).toBe(false)
  })

  it('shows the 403 page to an enterprise or bank typing the address of a page kept out of its menu', async () => {
    const { createMemoryHistory, createRouter } = await import('vue-router')
    const router = createRouter({ history: createMemoryHistory(), routes })
    const opens = (role: string, path: string) =>
      canAccess(router.resolve(path).matched, canOf(role), meFor(role).organisation.kind)
    for (const role of ['enterprise-staff', 'enterprise-admin', 'bank-officer', 'bank-manager']) {
      for (const path of ['/collect/catalogue', '/system/role', '/tools/uscc', '/tools/calendar'])
        expect(opens(role, path), `${role} ${path}`).toBe(false)
    }
    // An enterprise's 企业查询 is its 我的企业档案; a bank keeps the search.
    expect(opens('enterprise-staff', '/registry/enterprises')).toBe(false)
    expect(opens('enterprise-staff', '/registry/mine')).toBe(true)
    expect(opens('bank-officer', '/registry/enterprises')).toBe(true)
    // Those who keep the pages still open them.
    for (const path of ['/collect/catalogue', '/system/role', '/tools/uscc']) {
      expect(opens('gov-admin', path), path).toBe(true)
      expect(opens('platform-admin', path), path).toBe(true)
    }
    expect(opens('provider-uploader', '/collect/catalogue')).toBe(true)
    expect(opens('provider-uploader', '/tools/calendar')).toBe(true)
  })
})

describe('/finance (a group whose pages differ by role)', () => {
  const finance = routes.find((r) => r.path === '/finance')!

  it.each([
    ['enterprise-staff', '/finance/products'],
    ['bank-officer', '/finance/opportunities'],
    ['bank-manager', '/finance/my-products'],
    ['gov-viewer', '/finance/products'],
    ['platform-admin', '/finance/products'],
  ])('leads %s to its first page in the group', (role, page) => {
    const kind = meFor(role).organisation.kind
    expect(firstPageOf(finance, canOf(role), kind)).toBe(page)
    // …a page that role may really open.
    const record = finance.children!.find((c) => `/finance/${c.path}` === page)!
    expect(canAccess([{ meta: finance.meta ?? {} }, { meta: record.meta ?? {} }], canOf(role), kind)).toBe(true)
  })

  it('leads a user without any of its pages to the first page, where the 403 page is shown', () => {
    expect(firstPageOf(finance, canOf('provider-uploader'), 'provider')).toBe('/finance/products')
  })

  it('has nothing to lead to for a record without pages', () => {
    expect(firstPageOf({ path: '/x', component: { render: () => null } })).toBeNull()
  })
})

describe('the guard on /finance and /registry', () => {
  async function landing(role: string, path = '/finance') {
    const { createPinia, setActivePinia } = await import('pinia')
    const { createMemoryHistory, createRouter } = await import('vue-router')
    const { installAuthGuard } = await import('./guard')
    const { stubApi } = await import('@/test/fixtures')
    setActivePinia(createPinia())
    const me = meFor(role)
    me.permissions = permissionsWithCredit(role)
    stubApi({ 'GET /api/v1/auth/me': me })
    const router = createRouter({ history: createMemoryHistory(), routes })
    installAuthGuard(router)
    await router.push(path)
    return router.currentRoute.value.fullPath
  }

  it('sends a bank officer typing /finance to 商机, not to a 403 page', async () => {
    expect(await landing('bank-officer')).toBe('/finance/opportunities')
  })

  it('sends an enterprise user to 产品超市 and keeps the query', async () => {
    expect(await landing('enterprise-staff', '/finance?kind=tax')).toBe('/finance/products?kind=tax')
  })

  it('sends an enterprise typing /registry to 我的企业档案 and everyone else to 企业查询', async () => {
    expect(await landing('enterprise-staff', '/registry')).toBe('/registry/mine')
    expect(await landing('bank-officer', '/registry')).toBe('/registry/enterprises')
    expect(await landing('gov-viewer', '/registry')).toBe('/registry/enterprises')
  })

  it('leaves the group’s own pages alone', async () => {
    expect(await landing('bank-manager', '/finance/deals')).toBe('/finance/deals')
  })
})
