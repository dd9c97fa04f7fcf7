import { http, type Page } from './http'

export interface ApiToken {
  id: number
  name: string
  /** The first characters, e.g. `jf_ab12`, so a token can be recognised without being shown. */
  prefix: string
  permissions: string[]
  createdAt: string
  expiresAt: string
  lastUsedAt: string | null
  revoked: boolean
  userId: number
  username: string
}

export interface IssuedToken extends ApiToken {
  /** The secret; the server returns it this once only. */
  token: string
}

export interface NewToken {
  name: string
  permissions: string[]
  expiresInDays: number
}

export function listTokens(
  query: { page?: number; pageSize?: number } = {},
  signal?: AbortSignal,
): Promise<Pick<Page<ApiToken>, 'items'> & Partial<Page<ApiToken>>> {
  return http.get('/tokens', { query: { ...query }, signal })
}

export function issueToken(body: NewToken): Promise<IssuedToken> {
  return http.post('/tokens', body)
}

export function revokeToken(id: number): Promise<void> {
  return http.delete(`/tokens/${encodeURIComponent(id)}`)
}
