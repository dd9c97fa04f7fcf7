import { ApiError, http } from './http'
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

// A 401 from these is an answer, not an expired session: no redirect to /login. A log-in the
// server could not take at once (429 busy: many people logging in at the same moment — it checks
// only a few passwords at a time) is tried again about a second later, with a little jitter so
// that a crowd spreads out, before the user is told.
export async function login(username: string, password: string): Promise<Me> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await http.post<Me>('/auth/login', { username, password }, { authRedirect: false })
    } catch (err) {
      if (!(err instanceof ApiError) || err.problem.code !== 'busy' || attempt >= LOGIN_ATTEMPTS) throw err
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000))
    }
  }
}

const LOGIN_ATTEMPTS = 10

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
