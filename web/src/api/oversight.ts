/**
 * 对接总览, 超时督办 and the time-limit settings of the government.
 * Contract: docs/finance-api.md. Money is integer fen (`…Fen`), rates basis points (`…Bp`), times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'
import type { Clock } from './demand'
import type { TimeLimits } from './product'

type Query = Record<string, QueryValue>

export interface FunnelRow {
  key: string
  name: string
  published: number
  claimed: number
  approved: number
  disbursed: number
  publishedFen: number
  approvedFen: number
  disbursedFen: number
}

export interface Overview {
  total: FunnelRow
  byBank: FunnelRow[]
  byPark: FunnelRow[]
  openOverdue: number
}

export interface OverdueItem {
  id: number
  step: Clock['step']
  stepZh: string
  demandId: number
  applicationId: number | null
  bank: { id: number; name: string } | null
  enterprise: { name: string; uscc: string }
  startedOn: string
  deadline: string
  markedAt: string
  resolvedAt: string | null
  outcome: 'notified' | 'lapsed' | 'listed'
  outcomeZh: string
}


// --- oversight and settings ------------------------------------------------------------

export const getOverview = (signal?: AbortSignal) => http.get<Overview>('/finance/overview', { signal })
export const listOverdue = (query: { page?: number; pageSize?: number; open?: boolean } = {}, signal?: AbortSignal) =>
  http.get<Page<OverdueItem>>('/finance/overdue', { query: query as Query, signal })
export const getLimits = (signal?: AbortSignal) => http.get<TimeLimits>('/finance/settings', { signal })
export const saveLimits = (limits: TimeLimits) => http.put<TimeLimits>('/finance/settings', limits)
export const sweepNow = () =>
  http.post<{ today: string; checked: number; marked: number; lapsed: number }>('/finance/sweep')
