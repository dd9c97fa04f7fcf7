import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'

export interface MenuItem {
  /** Absolute path; doubles as the el-menu index so `router` mode navigates to it. */
  path: string
  title: string
  icon?: Component
  children?: MenuItem[]
}

function joinPath(parent: string, child: string): string {
  if (child.startsWith('/')) return child
  const base = parent.endsWith('/') ? parent.slice(0, -1) : parent
  return child ? `${base}/${child}` : base || '/'
}

/**
 * Derives the sidebar from the route table. A layout route without its own
 * title only groups pages (e.g. `/` → 首页) and its children are lifted to the
 * parent level, the way RuoYi collapses single-child parents.
 */
export function buildMenu(records: readonly RouteRecordRaw[], parentPath = ''): MenuItem[] {
  const items: MenuItem[] = []
  for (const record of records) {
    if (record.meta?.hidden) continue
    const path = joinPath(parentPath, record.path)
    const children = record.children ? buildMenu(record.children, path) : []
    const title = record.meta?.title
    if (!title) {
      items.push(...children)
      continue
    }
    const item: MenuItem = { path, title, icon: record.meta?.icon }
    if (record.children?.length) {
      // A titled group with nothing visible inside is noise, not a menu.
      if (!children.length) continue
      item.children = children
    }
    items.push(item)
  }
  return items
}
