import { describe, expect, it } from 'vitest'
import { buildMenu, canAccess, type MenuItem } from './menu'
import { routes } from './routes'
import { permissionsOf } from '@/test/fixtures'

function strip(item: MenuItem): unknown {
  return { path: item.path, title: item.title, hasIcon: !!item.icon, children: item.children?.map(strip) }
}

/** The menu as titles: 'Group > Page' for submenu entries. */
function titles(items: MenuItem[], prefix = ''): string[] {
  return items.flatMap((i) => (i.children ? titles(i.children, `${i.title} > `) : [`${prefix}${i.title}`]))
}

function menuFor(role: string): string[] {
  const held = new Set(permissionsOf(role))
  return titles(buildMenu(routes, (p) => held.has(p)))
}

const TOOLS = ['工具箱 > 信用代码校验', '工具箱 > 工作日计算']

describe('buildMenu', () => {
  it('derives the sidebar from the route table (everything allowed)', () => {
    expect(buildMenu(routes).map(strip)).toEqual([
      { path: '/', title: '首页', hasIcon: true, children: undefined },
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

  it('keeps the login, profile and 404 pages out of the menu', () => {
    const paths = titles(buildMenu(routes))
    expect(paths).not.toContain('登录')
    expect(paths).not.toContain('个人中心')
    expect(paths).not.toContain('页面不存在')
  })

  it('shows only 首页 and 工具箱 to a user without management permissions', () => {
    expect(menuFor('enterprise-staff')).toEqual(['首页', ...TOOLS])
    expect(buildMenu(routes, () => false).map((m) => m.title)).toEqual(['首页', '工具箱'])
  })

  it.each([
    ['gov-viewer', ['系统管理 > 机构管理']],
    ['gov-officer', ['系统管理 > 用户管理', '系统管理 > 机构管理']],
    ['gov-admin', ['系统管理 > 用户管理', '系统管理 > 机构管理', '系统管理 > 角色与权限', '系统管理 > 审计日志']],
    ['enterprise-admin', ['系统管理 > 用户管理', '系统管理 > 角色与权限']],
    ['bank-manager', ['系统管理 > 用户管理', '系统管理 > 角色与权限', '系统管理 > 接口令牌']],
    ['provider-uploader', ['系统管理 > 接口令牌']],
    [
      'platform-admin',
      ['系统管理 > 用户管理', '系统管理 > 机构管理', '系统管理 > 角色与权限', '系统管理 > 接口令牌', '系统管理 > 审计日志'],
    ],
  ])('filters 系统管理 by the permissions of %s', (role, system) => {
    expect(menuFor(role)).toEqual(['首页', ...system, ...TOOLS])
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
})
