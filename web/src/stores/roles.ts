import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getRoles, type Permission, type Role } from '@/api/roles'
import type { OrgKind } from '@/api/organisations'
import { dictEntries, dictEntry } from '@/utils/dict'
import { useUserStore } from './user'

/**
 * The role and permission catalogue, from GET /api/v1/roles when the user holds
 * `role.read` (names in the request's language), otherwise the role and permission
 * dictionaries of GET /api/v1/dictionaries — without asking the server, which would answer 403 and
 * audit the attempt as a denial.
 */
/** The organisation kind a role belongs to, by its code's prefix (gov-admin → government). */
function orgKindOfRole(code: string): OrgKind {
  const prefix = code.split('-')[0]
  return (({ gov: 'government', platform: 'operator' }) as Record<string, OrgKind>)[prefix] ?? (prefix as OrgKind)
}

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
    roles.value = dictEntries('role').map((r) => ({ code: r.value, name: r.label, orgKind: orgKindOfRole(r.value), nameEn: r.value, permissions: [] }))
    permissions.value = dictEntries('permission').map((p) => ({ code: p.value, name: p.label, nameEn: p.value }))
    fromServer.value = false
  }

  function roleName(code: string): string {
    return roleByCode.value.get(code)?.name ?? dictEntry('role', code)?.label ?? code
  }

  function permissionName(code: string): string {
    return permissionByCode.value.get(code)?.name ?? dictEntry('permission', code)?.label ?? code
  }

  function reset() {
    roles.value = []
    permissions.value = []
    fromServer.value = false
  }

  return { roles, permissions, fromServer, roleByCode, load, roleName, permissionName, reset }
})
