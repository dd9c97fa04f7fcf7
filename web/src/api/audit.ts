import { download, http, type Download, type Page } from './http'

export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditEntry {
  id: number
  at: string
  requestId: string | null
  userId: number | null
  username: string | null
  organisationId: number | null
  organisationName: string | null
  tokenId: number | null
  action: string
  objectType: string | null
  objectId: string | null
  outcome: AuditOutcome
  ip: string | null
  userAgent: string | null
  before: unknown
  after: unknown
  detail: string | null
}

export interface AuditQuery {
  page?: number
  pageSize?: number
  /** Username substring. */
  user?: string
  organisationId?: number
  action?: string
  objectType?: string
  objectId?: string
  outcome?: AuditOutcome
  /** YYYY-MM-DD, inclusive, Asia/Shanghai. */
  from?: string
  to?: string
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return http.get('/audit', { query: { ...query }, signal })
}

/** The same filters as the list, without paging; the server answers with an .xlsx file. */
export function exportAudit(query: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<Download> {
  return download('/audit/export', { query: { ...query } }, 'audit.xlsx')
}
