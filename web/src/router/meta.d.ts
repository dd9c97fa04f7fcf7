import type { Component } from 'vue'
import 'vue-router'

export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** Menu, breadcrumb and document title. Routes without one stay out of the menu. */
    title?: string
    icon?: Component
    /** Routable but never listed in the menu (e.g. the 404 page). */
    hidden?: boolean
  }
}
