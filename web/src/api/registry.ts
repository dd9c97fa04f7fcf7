/**
 * 企业库 (registry): search, 基本信息, collected facts and change history.
 * Contract: docs/collect-api.md, section "Registry". Amounts are fen (分) integers.
 */
import { download, http, type Download, type Page } from './http'

export type SizeClass = 'large' | 'medium' | 'small' | 'micro'
export type EnterpriseStatus = 'operating' | 'revoked' | 'cancelled' | 'moved_out'
export type EnterpriseSort = 'name' | 'establishedOn' | 'registeredCapital' | 'updatedAt'

/** One row of GET /enterprises. */
export interface EnterpriseItem {
  id: number
  uscc: string
  name: string
  regionCode: string
  regionName: string | null
  industrySection: string | null
  industryDivision: string | null
  industryName: string | null
  sizeClass: SizeClass | null
  status: EnterpriseStatus
  establishedOn: string | null
  registeredCapitalFen: number | null
  parkId: number | null
  parkName: string | null
}

export interface EnterpriseFilters {
  /** Name substring, full pinyin, pinyin initials, or a USCC (prefix). */
  q?: string
  /** GB/T 2260 code or prefix. */
  region?: string
  /** GB/T 4754 section letter (`C`) or division (`35`). */
  industry?: string
  size?: SizeClass
  /** Organisation id of the park. */
  park?: number
  status?: EnterpriseStatus
  sort?: EnterpriseSort
  order?: 'asc' | 'desc'
}

export interface EnterpriseQuery extends EnterpriseFilters {
  page?: number
  pageSize?: number
}

export interface FormerName {
  name: string
  /** Used until this date (YYYY-MM-DD), when known. */
  until: string | null
}

export interface SizeRule {
  /** The classification standard applied, e.g. 工信部联企业〔2011〕300号. */
  standard: string | null
  /** The industry the thresholds were taken from. */
  industry: string | null
  /** Why the enterprise falls into its size class (划型依据). */
  reason: string | null
}

/** GET /enterprises/{id}: 基本信息. */
export interface Enterprise {
  id: number
  uscc: string
  name: string
  formerNames: FormerName[]
  entityType: string | null
  status: EnterpriseStatus
  /** Masked (张*明) unless the caller is the enterprise itself or the operator. */
  legalRepresentative: string | null
  registeredCapitalFen: number | null
  establishedOn: string | null
  address: string | null
  regionCode: string
  regionName: string | null
  industrySection: string | null
  industryDivision: string | null
  industryName: string | null
  parkId: number | null
  parkName: string | null
  employees: number | null
  annualRevenueFen: number | null
  totalAssetsFen: number | null
  sizeClass: SizeClass | null
  sizeRule: SizeRule | null
  contactName: string | null
  /** Masked like users' mobiles. */
  contactMobile: string | null
  updatedAt: string
}

export interface ProviderRef {
  id: number
  name: string
}

export type FactValue = string | number | boolean | null

export interface Fact {
  id: number
  key: string
  factDate: string | null
  /** Field key (as in the catalogue) → value. */
  values: Record<string, FactValue>
  provider: ProviderRef
  batchId: number | null
  rowNumber: number | null
  receivedAt: string
}

export interface FactCategory {
  code: string
  name: string
  /** Current facts only, newest fact date first, at most 200. */
  facts: Fact[]
}

export interface EnterpriseFacts {
  categories: FactCategory[]
}

export interface HistoryEntry {
  category: string
  categoryName: string
  key: string
  field: string
  fieldName: string
  /** Usually a string, number or boolean; null when the field had no value. */
  before: unknown
  after: unknown
  validFrom: string | null
  recordedAt: string
  provider: ProviderRef | null
  batchId: number | null
}

export function listEnterprises(query: EnterpriseQuery, signal?: AbortSignal): Promise<Page<EnterpriseItem>> {
  return http.get('/enterprises', { query: { ...query }, signal })
}

/** The same search as XLSX (at most 100 000 rows; the server answers 422 beyond). */
export function exportEnterprises(filters: EnterpriseFilters): Promise<Download> {
  return download('/enterprises/export', { query: { ...filters } }, '企业名录.xlsx')
}

export function getEnterprise(id: number, signal?: AbortSignal): Promise<Enterprise> {
  return http.get(`/enterprises/${encodeURIComponent(id)}`, { signal })
}

export function getEnterpriseFacts(id: number, category?: string, signal?: AbortSignal): Promise<EnterpriseFacts> {
  return http.get(`/enterprises/${encodeURIComponent(id)}/facts`, { query: { category }, signal })
}

export function getEnterpriseHistory(
  id: number,
  query: { page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  return http.get(`/enterprises/${encodeURIComponent(id)}/history`, { query: { ...query }, signal })
}

/**
 * An enterprise user's own enterprise: their data scope holds only themselves, so
 * the search answers with exactly one item (or none when it is not registered).
 */
export async function findOwnEnterprise(signal?: AbortSignal): Promise<EnterpriseItem | null> {
  const res = await listEnterprises({ page: 1, pageSize: 1 }, signal)
  return res.items[0] ?? null
}
