import { describe, expect, it } from 'vitest'
import { buildMenu } from './menu'
import { routes } from './routes'

describe('buildMenu', () => {
  it('derives the sidebar from the route table', () => {
    const menu = buildMenu(routes).map(function strip(item): unknown {
      return { path: item.path, title: item.title, hasIcon: !!item.icon, children: item.children?.map(strip) }
    })
    expect(menu).toEqual([
      { path: '/', title: '首页', hasIcon: true, children: undefined },
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
})
