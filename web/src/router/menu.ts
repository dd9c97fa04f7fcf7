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

/** Decides whether the user holds a permission code. */
export type PermissionCheck = (permission: string) => boolean

const allowAll: PermissionCheck = () => true

/**
 * Whether a route restricted to some organisation kinds (`meta.orgKinds`) fits the
 * user's organisation. `undefined` means "do not filter by kind" (like `allowAll`).
 */
function fitsOrgKind(orgKinds: readonly string[] | undefined, orgKind: string | null | undefined): boolean {
  if (!orgKinds || orgKind === undefined) return true
  return orgKind !== null && orgKinds.includes(orgKind)
}

/**
 * Derives the sidebar from the route table. A layout route without its own
 * title only groups pages (e.g. `/` → 首页) and its children are lifted to the
 * parent level, the way RuoYi collapses single-child parents.
 *
 * Routes whose `meta.permission` the user lacks are left out (`can` decides),
 * and so are routes meant for other kinds of organisation (`meta.orgKinds`,
 * checked against `orgKind`); a group whose pages are all left out disappears
 * with them.
 */
export function buildMenu(
  records: readonly RouteRecordRaw[],
  can: PermissionCheck = allowAll,
  orgKind?: string | null,
): MenuItem[] {
  return build(records, can, orgKind, '')
}

function build(
  records: readonly RouteRecordRaw[],
  can: PermissionCheck,
  orgKind: string | null | undefined,
  parentPath: string,
): MenuItem[] {
  const items: MenuItem[] = []
  for (const record of records) {
    if (record.meta?.hidden) continue
    if (record.meta?.permission && !can(record.meta.permission)) continue
    if (!fitsOrgKind(record.meta?.orgKinds, orgKind)) continue
    const path = joinPath(parentPath, record.path)
    const children = record.children ? build(record.children, can, orgKind, path) : []
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

/** Whether every record on the way to a route allows the user in (parents may carry a permission too). */
export function canAccess(
  matched: readonly { meta: { permission?: string; orgKinds?: readonly string[] } }[],
  can: PermissionCheck,
  orgKind?: string | null,
): boolean {
  return matched.every(
    (record) =>
      (!record.meta.permission || can(record.meta.permission)) && fitsOrgKind(record.meta.orgKinds, orgKind),
  )
}

/**
 * Where a titled group without a page of its own (`/finance`) leads: its first page in the
 * user's menu, or — when the user may open none of them — its first page at all, which then
 * shows the 403 page. `null` for a record without child pages.
 */
export function firstPageOf(record: RouteRecordRaw, can: PermissionCheck = allowAll, orgKind?: string | null): string | null {
  const pages = (record.children ?? []).filter((c) => !c.meta?.hidden && !c.path.includes(':'))
  if (!pages.length) return null
  const [group] = build([record], can, orgKind, '')
  let item = group
  while (item?.children?.length) item = item.children[0]
  if (item && item !== group) return item.path
  return joinPath(record.path, pages[0].path)
}
