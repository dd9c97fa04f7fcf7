/**
 * 融资对接 — the marketplace: products (金融产品超市), matching, demands (融资需求), claims (接单),
 * applications and their commands with the timeline, the government's pipeline (对接总览) and
 * overdue list (超时督办), time-limit settings, and 站内信. Contract: docs/finance-api.md.
 * Money is integer fen (`…Fen`), rates basis points (`…Bp`, 385 = 3.85 %), dates YYYY-MM-DD,
 * times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'

const enc = encodeURIComponent

export interface Named {
  code: string
  zh: string
}

export interface EligibilityRules {
  regions: string[]
  industries: string[]
  sizeClasses: string[]
  minYears: number | null
  minTaxGrade: string | null
  minTaxPaid12mFen: number | null
  minInsured: number | null
  minCreditGrade: string | null
  noDishonest: boolean
  noSeriousIllegal: boolean
}

/** What a bank manager writes (POST/PUT /finance/products). */
export interface ProductSpec {
  name: string
  kind: string
  description?: string
  minAmountFen: number
  maxAmountFen: number
  minTermMonths: number
  maxTermMonths: number
  /** `fixed`: min/maxRateBp are the annual rate; `lpr`: the spread over the 1-year LPR. */
  rateKind: 'fixed' | 'lpr'
  minRateBp: number
  maxRateBp: number
  repayment: string[]
  guarantees: string[]
  materials: string[]
  approvalWorkdays: number
  rules: Partial<EligibilityRules>
}

export type ProductStatus = 'draft' | 'published' | 'withdrawn'

export interface Product extends ProductSpec {
  id: number
  bank: { id: number; name: string }
  status: ProductStatus
  statusZh: string
  kindZh: string
  repaymentZh: Named[]
  guaranteesZh: Named[]
  rules: EligibilityRules
  /** The annual rate range in force today (an LPR product: LPR + spread). */
  effectiveRate: { minBp: number; maxBp: number; lprBp: number | null }
  createdAt: string
  updatedAt: string
  publishedAt: string | null
}

export interface ProductQuery {
  page?: number
  pageSize?: number
  kind?: string
  bankId?: number
  q?: string
  amountFen?: number
  termMonths?: number
  /** rate (lowest effective rate first), amount (highest maximum first), approval (fastest first), newest */
  sort?: 'rate' | 'amount' | 'approval' | 'newest'
  /** A bank sees its own drafts and withdrawn products too; others only published ones. */
  status?: ProductStatus
}

export interface RejectionReason {
  code: string
  zh: string
  remedy: string
  department: string
  fixable: boolean
}

export interface TimeLimits {
  claimOrRespond: number
  firstContact: number
  decision: number
}

export interface Catalogue {
  productKinds: Named[]
  repaymentMethods: Named[]
  guarantees: Named[]
  urgencies: Named[]
  states: Named[]
  commands: (Named & { actor: 'bank' | 'enterprise' | 'system' })[]
  reasons: RejectionReason[]
  /** The active scorecard's grades, best first. */
  creditGrades: string[]
  limits: TimeLimits
  lpr1yBp: number | null
}

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

export type ApplicationState =
  | 'submitted'
  | 'accepted'
  | 'materials_requested'
  | 'reviewing'
  | 'approved'
  | 'rejected'
  | 'contracted'
  | 'disbursed'
  | 'settled'
  | 'overdue'
  | 'withdrawn'
  | 'lapsed'

export interface Application {
  id: number
  demandId: number
  enterprise: { id: number; name: string; uscc: string }
  bank: { id: number; name: string }
  product: { id: number; name: string } | null
  source: 'directed' | 'claim'
  sourceZh: string
  state: ApplicationState
  stateZh: string
  purpose: string
  requestedFen: number
  requestedTermMonths: number
  approvedFen: number
  disbursedFen: number
  rateBp: number | null
  termMonths: number | null
  offerValidUntil: string | null
  decisionWorkdays: number
  createdAt: string
  updatedAt: string
  clock: Clock | null
}

export interface TimelineEvent {
  id: number
  /** A command code, or `submit` (the enterprise applied) / `claim` (a bank claimed). */
  command: string
  commandZh: string
  fromState: ApplicationState | null
  toState: ApplicationState
  toStateZh: string
  actor: 'bank' | 'enterprise' | 'system'
  organisation: string
  username: string
  at: string
  note: string
  /**
   * approve: {amountFen, rateBp, termMonths, validUntil}; reject: {reasons: RejectionReason[]};
   * sign_contract: {contractNo}; disburse: {amountFen, onDate, disbursedFen, approvedFen};
   * settle / report_overdue: {onDate}; lapse: {deadline}
   */
  detail: Record<string, unknown>
}

export interface ApplicationDetail extends Application {
  timeline: TimelineEvent[]
  /** What the caller may do now (bank commands, or the enterprise's withdraw / submit_materials). */
  allowedCommands: Named[]
  /** Only for a bank: whether the enterprise's live consent lets it read the 信用画像 / 基本信息. */
  consent?: { credit: boolean; profile: boolean }
}

/** A bank's command (POST /finance/applications/{id}/commands); fields by command. */
export interface BankCommand {
  command:
    | 'accept'
    | 'request_materials'
    | 'start_review'
    | 'approve'
    | 'reject'
    | 'sign_contract'
    | 'disburse'
    | 'settle'
    | 'report_overdue'
  note?: string
  amountFen?: number
  rateBp?: number
  termMonths?: number
  validUntil?: string
  onDate?: string
  contractNo?: string
  reasonCodes?: string[]
}

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

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  /** The page that shows the matter, e.g. /finance/applications/12 */
  link: string
  createdAt: string
  readAt: string | null
}

type Query = Record<string, QueryValue>

// --- products ----------------------------------------------------------------

export const getCatalogue = (signal?: AbortSignal) => http.get<Catalogue>('/finance/catalogue', { signal })
export const listProducts = (query: ProductQuery = {}, signal?: AbortSignal) =>
  http.get<Page<Product>>('/finance/products', { query: query as Query, signal })
export const getProduct = (id: number, signal?: AbortSignal) => http.get<Product>(`/finance/products/${enc(id)}`, { signal })
/** 2 to 4 products side by side. */
export async function compareProducts(ids: number[], signal?: AbortSignal): Promise<Product[]> {
  const res = await http.get<{ items: Product[] }>('/finance/products/compare', { query: { ids: ids.join(',') }, signal })
  return res?.items ?? []
}
export const createProduct = (spec: ProductSpec) => http.post<Product>('/finance/products', spec)
export const updateProduct = (id: number, spec: ProductSpec) => http.put<Product>(`/finance/products/${enc(id)}`, spec)
export const publishProduct = (id: number) => http.post<Product>(`/finance/products/${enc(id)}/publish`)
export const withdrawProduct = (id: number) => http.post<Product>(`/finance/products/${enc(id)}/withdraw`)

// --- matching and demands ----------------------------------------------------------

export const matchProducts = (need: Need) => http.post<MatchResult>('/finance/match', need)
export const publishDemand = (spec: DemandSpec) => http.post<Demand>('/finance/demands', spec)
export const listDemands = (query: DemandQuery = {}, signal?: AbortSignal) =>
  http.get<Page<Demand>>('/finance/demands', { query: query as Query, signal })
export const getDemand = (id: number, signal?: AbortSignal) => http.get<Demand>(`/finance/demands/${enc(id)}`, { signal })
export const withdrawDemand = (id: number) => http.post<Demand>(`/finance/demands/${enc(id)}/withdraw`)
/** A bank claims an open demand; 409 `demand_taken` when another bank got it first. */
export const claimDemand = (id: number) => http.post<Application>(`/finance/demands/${enc(id)}/claim`)

// --- applications --------------------------------------------------------------------

export const listApplications = (
  query: { page?: number; pageSize?: number; state?: ApplicationState | ''; demandId?: number } = {},
  signal?: AbortSignal,
) => http.get<Page<Application>>('/finance/applications', { query: query as Query, signal })
export const getApplication = (id: number, signal?: AbortSignal) =>
  http.get<ApplicationDetail>(`/finance/applications/${enc(id)}`, { signal })
/** A bank's command; 409 `illegal_transition` when the state does not allow it, 422 per field. */
export const bankCommand = (id: number, command: BankCommand) =>
  http.post<Application>(`/finance/applications/${enc(id)}/commands`, command)
export const withdrawApplication = (id: number, note?: string) =>
  http.post<Application>(`/finance/applications/${enc(id)}/withdraw`, note ? { note } : {})
export const submitMaterials = (id: number, note?: string) =>
  http.post<Application>(`/finance/applications/${enc(id)}/materials`, note ? { note } : {})

// --- oversight and settings ------------------------------------------------------------

export const getOverview = (signal?: AbortSignal) => http.get<Overview>('/finance/overview', { signal })
export const listOverdue = (query: { page?: number; pageSize?: number; open?: boolean } = {}, signal?: AbortSignal) =>
  http.get<Page<OverdueItem>>('/finance/overdue', { query: query as Query, signal })
export const getLimits = (signal?: AbortSignal) => http.get<TimeLimits>('/finance/settings', { signal })
export const saveLimits = (limits: TimeLimits) => http.put<TimeLimits>('/finance/settings', limits)
export const sweepNow = () =>
  http.post<{ today: string; checked: number; marked: number; lapsed: number }>('/finance/sweep')

// --- 站内信 -----------------------------------------------------------------------------

export const listNotifications = (query: { page?: number; pageSize?: number; unread?: boolean } = {}, signal?: AbortSignal) =>
  http.get<Page<Notification> & { unread: number }>('/notifications', { query: query as Query, signal })
export async function unreadCount(signal?: AbortSignal): Promise<number> {
  const res = await http.get<{ unread: number }>('/notifications/unread-count', { signal })
  return res?.unread ?? 0
}
export const markRead = (id: number) => http.post<{ unread: number }>(`/notifications/${enc(id)}/read`)
export const markAllRead = () => http.post<{ marked: number; unread: number }>('/notifications/read-all')

// --- display helpers ---------------------------------------------------------------------

/** 万元 as typed → fen, exactly (no floating-point drift): "12.34" → 123400000. */
export function fenOfWan(text: string | number): number | null {
  const s = String(text).trim()
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(s)) return null
  const [whole, frac = ''] = s.split('.')
  return Number(whole) * 1_000_000 + Number((frac + '000000').slice(0, 6))
}

/** basis points → "3.85%". */
export function pct(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—'
  return `${(bp / 100).toFixed(2)}%`
}
