import { http } from './http'
import type { Organisation } from './organisations'
import type { User } from './users'

/** Who is logged in: GET /auth/me, and the answer to a successful login. */
export interface Me {
  user: User
  organisation: Organisation
  /** Permission codes, e.g. `user.read`; the menu and buttons follow them. */
  permissions: string[]
  /** Sent back as `X-CSRF-Token` on every non-GET request. */
  csrfToken: string
}

export interface Session {
  id: number
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  ip: string
  userAgent: string
  /** The session this browser is using. */
  current: boolean
}

// A 401 from these is an answer, not an expired session: no redirect to /login.
export function login(username: string, password: string): Promise<Me> {
  return http.post('/auth/login', { username, password }, { authRedirect: false })
}

export function getMe(): Promise<Me> {
  return http.get('/auth/me', { authRedirect: false })
}

export function logout(): Promise<void> {
  return http.post('/auth/logout', undefined, { authRedirect: false })
}

/**
 * Ends every session of the user and starts a fresh one for this browser, which
 * comes with a new CSRF token. The contract says 204; the server answers with
 * the new `Me` — both are handled (undefined for 204).
 */
export function changePassword(currentPassword: string, newPassword: string): Promise<Me | undefined> {
  return http.put('/auth/password', { currentPassword, newPassword })
}

export function listSessions(): Promise<{ items: Session[] }> {
  return http.get('/auth/sessions')
}

export function revokeSession(id: number): Promise<void> {
  return http.delete(`/auth/sessions/${encodeURIComponent(id)}`)
}
