import { describe, expect, it } from 'vitest'
import { buildMenu, canAccess, type MenuItem } from './menu'
import { routes } from './routes'
import { meFor, permissionsOf } from '@/test/fixtures'

function strip(item: MenuItem): unknown {
  return { path: item.path, title: item.title, hasIcon: !!item.icon, children: item.children?.map(strip) }
}

/** The menu as titles: 'Group > Page' for submenu entries. */
function titles(items: MenuItem[], prefix = ''): string[] {
  return items.flatMap((i) => (i.children ? titles(i.children, `${i.title} > `) : [`${prefix}${i.title}`]))
}

/** The menu a demo role sees: its permissions and its organisation's kind. */
function menuFor(role: string): string[] {
  const held = new Set(permissionsOf(role))
  return titles(buildMenu(routes, (p) => held.has(p), meFor(role).organisation.kind))
}

const TOOLS = ['工具箱 > 信用代码校验', '工具箱 > 工作日计算']
const SEARCH = ['企业库 > 企业查询']
const CATALOGUE = ['数据归集 > 数据目录']
const COLLECT = ['数据归集 > 数据目录', '数据归集 > 归集批次', '数据归集 > 归集时效']

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
  })

  it('shows only 首页, 数据目录 and 工具箱 to a user without permissions', () => {
    expect(buildMenu(routes, () => false, null).map((m) => m.title)).toEqual(['首页', '数据归集', '工具箱'])
    expect(titles(buildMenu(routes, () => false, null))).toEqual(['首页', ...CATALOGUE, ...TOOLS])
  })

  it('gives enterprise users 我的企业档案 and no one else', () => {
    expect(menuFor('enterprise-staff')).toEqual(['首页', ...SEARCH, '企业库 > 我的企业档案', ...CATALOGUE, ...TOOLS])
    for (const role of ['bank-officer', 'gov-admin', 'provider-uploader', 'platform-admin'])
      expect(menuFor(role)).not.toContain('企业库 > 我的企业档案')
  })

  it('shows 数据归集 > 归集批次 to a provider uploader but not to a bank officer', () => {
    expect(menuFor('provider-uploader')).toContain('数据归集 > 归集批次')
    expect(menuFor('bank-officer')).not.toContain('数据归集 > 归集批次')
    expect(menuFor('bank-officer')).toEqual(['首页', ...SEARCH, ...CATALOGUE, ...TOOLS])
  })

  it.each([
    ['enterprise-admin', [...SEARCH, '企业库 > 我的企业档案', ...CATALOGUE, '系统管理 > 用户管理', '系统管理 > 角色与权限']],
    ['bank-manager', [...SEARCH, ...CATALOGUE, '系统管理 > 用户管理', '系统管理 > 角色与权限', '系统管理 > 接口令牌']],
    ['gov-viewer', [...SEARCH, ...COLLECT, '系统管理 > 机构管理']],
    ['gov-officer', [...SEARCH, ...COLLECT, '系统管理 > 用户管理', '系统管理 > 机构管理']],
    [
      'gov-admin',
      [...SEARCH, ...COLLECT, '系统管理 > 用户管理', '系统管理 > 机构管理', '系统管理 > 角色与权限', '系统管理 > 审计日志'],
    ],
    ['provider-uploader', [...SEARCH, ...COLLECT, '系统管理 > 接口令牌']],
    [
      'platform-admin',
      [
        ...SEARCH,
        ...COLLECT,
        '系统管理 > 用户管理',
        '系统管理 > 机构管理',
        '系统管理 > 角色与权限',
        '系统管理 > 接口令牌',
        '系统管理 > 审计日志',
      ],
    ],
  ])('filters the menu by the permissions of %s', (role, pages) => {
    expect(menuFor(role)).toEqual(['首页', ...pages, ...TOOLS])
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
})
