import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, setCsrfToken } from '@/api/http'
import * as authApi from '@/api/auth'
import type { Me } from '@/api/auth'
import { useRoleStore } from './roles'

/**
 * The logged-in user, as GET /api/v1/auth/me describes them. Loaded once at
 * start-up by the router guard; `me === null` after loading means "not logged in".
 * The CSRF token from `Me` is handed to the http client (memory only).
 */
export const useUserStore = defineStore('user', () => {
  const me = ref<Me | null>(null)
  /** True once GET /auth/me has answered (either way). */
  const loaded = ref(false)
  let pending: Promise<Me | null> | null = null

  const loggedIn = computed(() => me.value !== null)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))
  const displayName = computed(() => me.value?.user.displayName || me.value?.user.username || '')
  const organisationName = computed(() => me.value?.organisation.name ?? me.value?.user.organisationName ?? '')

  function set(value: Me | null) {
    // Another user (or none): the role catalogue depended on the old permissions.
    if (!value || value.user.id !== me.value?.user.id) useRoleStore().reset()
    me.value = value
    loaded.value = true
    setCsrfToken(value?.csrfToken)
  }

  /** Whether the user holds a permission; no permission given means "any logged-in user". */
  function can(permission?: string | null): boolean {
    if (!permission) return loggedIn.value
    return permissions.value.has(permission)
  }

  /** GET /auth/me; a 401 means "not logged in" and is not an error. */
  async function fetchMe(): Promise<Me | null> {
    try {
      set(await authApi.getMe())
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set(null)
      else {
        // Server unreachable etc.: treat as logged out so the login page can say why.
        loaded.value = true
        throw err
      }
    }
    return me.value
  }

  /** Loads `me` once; concurrent callers share the request. */
  function ensureLoaded(): Promise<Me | null> {
    if (loaded.value) return Promise.resolve(me.value)
    pending ??= fetchMe().finally(() => {
      pending = null
    })
    return pending
  }

  async function login(username: string, password: string): Promise<Me> {
    const value = await authApi.login(username, password)
    set(value)
    return value
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      // Even if the session was already gone server-side, this browser is logged out now.
      clear()
    }
  }

  /** Forget the user locally (after logout or when the server answered 401). */
  function clear() {
    set(null)
  }

  return { me, loaded, loggedIn, permissions, displayName, organisationName, can, fetchMe, ensureLoaded, login, logout, clear, set }
})
