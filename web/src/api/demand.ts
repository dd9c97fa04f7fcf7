/**
 * 融资需求: matching a need against the products, publishing, listing, withdrawing and claiming demands.
 * Contract: docs/finance-api.md. Money is integer fen (`…Fen`), rates basis points (`…Bp`), times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'
import type { Application } from './application'
import type { Named, Product } from './product'

const enc = encodeURIComponent
type Query = Record<string, QueryValue>

export type Outcome = 'pass' | 'fail' | 'unknown'

export interface RuleResult {
  rule: string
  ruleZh: string
  outcome: Outcome
  /** 符合 / 不符合 / 无法判断 */
  outcomeZh: string
  /** The enterprise's value as shown ("M级", "未归集"). */
  value: string
  /** The rule's threshold ("不低于 B级"). */
  threshold: string
}

export interface MatchItem {
  product: Product
  eligible: boolean
  /** eligible: every rule passes; ineligible: a rule fails; unknown: none fails but some cannot be checked */
  verdict: 'eligible' | 'ineligible' | 'unknown'
  rules: RuleResult[]
}

export interface MatchResult {
  profile: {
    regionCode: string
    industryCode: string
    sizeClass: string | null
    years: number | null
    taxGrade: string | null
    taxPaid12mFen: number | null
    insured: number | null
    creditGrade: string | null
  }
  items: MatchItem[]
  /** The eligible products, best first, with why. */
  ranked: { rank: number; productId: number; why: string; responseWorkdays: number | null; approvalRate: number | null }[]
}

export interface Need {
  amountFen: number
  termMonths: number
  guarantees?: string[]
}

export interface DemandSpec extends Need {
  purpose: string
  urgency?: 'normal' | 'urgent' | 'very_urgent'
  preferredBankIds?: number[]
  /** 定向申请 to this product; without it the demand goes to the pool. */
  productId?: number
  contactName?: string
  contactPhone?: string
}

/** A running time limit: which step, its last day, whether it has passed. */
export interface Clock {
  step: 'claim_or_respond' | 'first_contact' | 'decision'
  stepZh: string
  deadline: string | null
  overdue: boolean
}

export type DemandStatus = 'open' | 'claimed' | 'directed' | 'closed' | 'withdrawn'

export interface Demand {
  id: number
  enterprise: { id: number; name: string; uscc: string; regionCode: string; park: string }
  amountFen: number
  termMonths: number
  purpose: string
  urgency: string
  urgencyZh: string
  guarantees: Named[]
  preferredBankIds: number[]
  contactName: string
  contactPhone: string
  mode: 'pool' | 'directed'
  modeZh: string
  product: { id: number; name: string } | null
  status: DemandStatus
  statusZh: string
  claimedBy: { id: number; name: string } | null
  claimedAt: string | null
  publishedAt: string
  /** For a bank's 商机: its published products that fit. */
  matchedProducts: { id: number; name: string }[]
  clock: Clock | null
  /** Only in the answer to POST /finance/demands: the directed application, if one was made. */
  applicationId?: number | null
  /** Only in GET /finance/demands/{id}. */
  applications?: Application[]
}

export interface DemandQuery {
  page?: number
  pageSize?: number
  status?: DemandStatus | ''
  /** A bank: opportunities (商机: open demands its products fit, the default), pool (every open demand), mine */
  view?: 'opportunities' | 'pool' | 'mine'
}


// --- matching and demands ----------------------------------------------------------

export const matchProducts = (need: Need) => http.post<MatchResult>('/finance/match', need)
export const publishDemand = (spec: DemandSpec) => http.post<Demand>('/finance/demands', spec)
export const listDemands = (query: DemandQuery = {}, signal?: AbortSignal) =>
  http.get<Page<Demand>>('/finance/demands', { query: query as Query, signal })
export const getDemand = (id: number, signal?: AbortSignal) => http.get<Demand>(`/finance/demands/${enc(id)}`, { signal })
export const withdrawDemand = (id: number) => http.post<Demand>(`/finance/demands/${enc(id)}/withdraw`)
/** A bank claims an open demand; 409 `demand_taken` when another bank got it first. */
export const claimDemand = (id: number) => http.post<Application>(`/finance/demands/${enc(id)}/claim`)
