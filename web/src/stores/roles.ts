import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getRoles, type Permission, type Role } from '@/api/roles'
import { PERMISSIONS, ROLES } from '@/utils/dict'
import { useUserStore } from './user'

/**
 * The role and permission catalogue, from GET /api/v1/roles when the user holds
 * `role.read` (names in the request's language), otherwise the contract's fixed
 * list in utils/dict.ts — without asking the server, which would answer 403 and
 * audit the attempt as a denial.
 */
export const useRoleStore = defineStore('roles', () => {
  const roles = ref<Role[]>([])
  const permissions = ref<Permission[]>([])
  const fromServer = ref(false)
  let pending: Promise<void> | null = null

  const roleByCode = computed(() => new Map(roles.value.map((r) => [r.code, r])))
  const permissionByCode = computed(() => new Map(permissions.value.map((p) => [p.code, p])))

  async function load(force = false): Promise<void> {
    const user = useUserStore()
    if (fromServer.value && !force) return
    if (!user.can('role.read')) {
      if (!roles.value.length) useFallback()
      return
    }
    pending ??= getRoles()
      .then((catalogue) => {
        roles.value = catalogue.roles
        permissions.value = catalogue.permissions
        fromServer.value = true
      })
      .catch(() => {
        if (!roles.value.length) useFallback()
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  function useFallback() {
    roles.value = ROLES.map((r) => ({ ...r, nameEn: r.code, permissions: [] }))
    permissions.value = PERMISSIONS.map((p) => ({ ...p, nameEn: p.code }))
    fromServer.value = false
  }

  function roleName(code: string): string {
    return roleByCode.value.get(code)?.name ?? ROLES.find((r) => r.code === code)?.name ?? code
  }

  function permissionName(code: string): string {
    return permissionByCode.value.get(code)?.name ?? PERMISSIONS.find((p) => p.code === code)?.name ?? code
  }

  function reset() {
    roles.value = []
    permissions.value = []
    fromServer.value = false
  }

  return { roles, permissions, fromServer, roleByCode, load, roleName, permissionName, reset }
})
