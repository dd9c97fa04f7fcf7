import { http } from './http'
import type { OrgKind } from './organisations'

export interface Role {
  code: string
  name: string
  nameEn: string
  orgKind: OrgKind
  permissions: string[]
}

export interface Permission {
  code: string
  name: string
  nameEn: string
}

export interface RoleCatalogue {
  roles: Role[]
  permissions: Permission[]
}

export function getRoles(signal?: AbortSignal): Promise<RoleCatalogue> {
  return http.get('/roles', { signal })
}
