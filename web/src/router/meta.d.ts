import type { Component } from 'vue'
import type { OrgKind } from '@/api/organisations'
import 'vue-router'

export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** Menu, breadcrumb and document title. Routes without one stay out of the menu. */
    title?: string
    icon?: Component
    /** Routable but never listed in the menu (e.g. the 404 page). */
    hidden?: boolean
    /**
     * Permission code the page needs (e.g. `user.read`). Without it the page is
     * left out of the menu and visiting it shows the 403 page. Absent: any
     * logged-in user may open it.
     */
    permission?: string
    /**
     * Only for users of these organisation kinds (e.g. 我的企业档案 for
     * `enterprise`): left out of everyone else's menu, 403 for them.
     */
    orgKinds?: readonly OrgKind[]
    /**
     * For a page kept out of the menu (a detail page): the menu entry to highlight while it is
     * open, e.g. `/finance/applications` for 申请详情.
     */
    activeMenu?: string
    /** Reachable without logging in (the login and 404 pages). */
    public?: boolean
  }
}
