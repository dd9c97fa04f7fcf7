import { http, type Page } from './http'

export interface User {
  id: number
  username: string
  displayName: string
  /** Masked by the server (138****5678) unless the caller may see it in full. */
  mobile: string | null
  organisationId: number
  organisationName: string
  roles: string[]
  disabled: boolean
  lockedUntil: string | null
  createdAt: string
  lastLoginAt: string | null
}

export interface UserQuery {
  page?: number
  pageSize?: number
  q?: string
  organisationId?: number
  role?: string
  status?: 'active' | 'disabled'
}

export interface NewUser {
  username: string
  displayName: string
  mobile?: string
  password: string
  organisationId: number
  roles: string[]
}

export type UserPatch = Partial<{ displayName: string; mobile: string; roles: string[]; disabled: boolean }>

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<User>> {
  return http.get('/users', { query: { ...query }, signal })
}

export function createUser(body: NewUser): Promise<User> {
  return http.post('/users', body)
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return http.patch(`/users/${encodeURIComponent(id)}`, patch)
}

export function resetUserPassword(id: number, password: string): Promise<void> {
  return http.put(`/users/${encodeURIComponent(id)}/password`, { password })
}
