/**
 * 金融产品超市: products, their eligibility rules and the financing catalogue (代码表); money in fen, rates in bp.
 * Contract: docs/finance-api.md. Money is integer fen (`…Fen`), rates basis points (`…Bp`), times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'

const enc = encodeURIComponent
type Query = Record<string, QueryValue>

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
