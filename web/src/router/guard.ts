import type { LocationQueryValue, RouteLocationRaw, Router } from 'vue-router'
import { ElMessage } from 'element-plus'
import { setUnauthorizedHandler } from '@/api/http'
import { useUserStore } from '@/stores/user'
import { firstPageOf } from './menu'

/**
 * Only same-site paths are followed after login, so /login?redirect=https://evil
 * cannot bounce a freshly logged-in user to another site.
 */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return '/'
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/login#')) return '/'
  return target
}

/** Where to send someone who is not logged in: the login page, remembering where they wanted to go. */
export function loginLocation(fullPath: string): RouteLocationRaw {
  return fullPath && fullPath !== '/' ? { name: 'Login', query: { redirect: fullPath } } : { name: 'Login' }
}

/**
 * Login handling for the whole app:
 * - before every navigation, `me` is loaded once (GET /auth/me); pages without
 *   `meta.public` need a logged-in user, others go to /login?redirect=…;
 * - a logged-in user opening /login goes straight on;
 * - any API call answered with 401 (session expired, revoked, signed out
 *   elsewhere) forgets the user and goes to /login?redirect=<current page>.
 *
 * Permissions are not checked here: the layout shows the 403 page in place, so
 * the address stays what the user typed (see layout/index.vue).
 */
export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const user = useUserStore()
    try {
      await user.ensureLoaded()
    } catch {
      // Server unreachable: public pages still work, the login page will report the problem.
    }
    if (to.name === 'Login') return user.loggedIn ? safeRedirect(to.query.redirect) : true
    if (to.meta.public) return true
    if (!user.loggedIn) return loginLocation(to.fullPath)
    // A menu group typed as an address (`/finance`) has no page of its own and, unlike
    // `/system`, no fixed redirect (its pages differ by role): go to the user's first page in it.
    const last = to.matched[to.matched.length - 1]
    if (to.matched.length === 1 && last.children.length && !last.redirect) {
      const record = router.options.routes.find((r) => r.path === last.path)
      const target = record && firstPageOf(record, user.can, user.me?.organisation.kind ?? null)
      if (target) return { path: target, query: to.query, hash: to.hash, replace: true }
    }
    return true
  })

  let redirecting = false
  setUnauthorizedHandler(() => {
    const user = useUserStore()
    const wasLoggedIn = user.loggedIn
    user.clear()
    const current = router.currentRoute.value
    if (redirecting || current.meta.public) return
    redirecting = true
    if (wasLoggedIn) ElMessage.warning({ message: '登录状态已失效，请重新登录', grouping: true })
    router.replace(loginLocation(current.fullPath)).finally(() => {
      redirecting = false
    })
  })
}
