/**
 * 数据归集 (collection): the data catalogue, batches (file submissions), their
 * quarantined rows and the timeliness report. Contract: docs/collect-api.md,
 * section "Collection".
 */
import { API_PREFIX, ApiError, download, http, problemOf, type Download, type Page, type Problem } from './http'
import { followJob, type Job } from './jobs'

export type CategoryCode =
  | 'registration'
  | 'tax'
  | 'social_insurance'
  | 'housing_fund'
  | 'utilities'
  | 'licence'
  | 'penalty'
  | 'judicial'
  | 'abnormal_list'
  | 'ip'
  | 'honour'

export type Frequency = 'monthly' | 'yearly' | 'on_change'
export type FieldType = 'text' | 'uscc' | 'date' | 'month' | 'period' | 'year' | 'amount' | 'integer' | 'enum' | 'bool'

export interface FieldValue {
  code: string
  name: string
}

export interface CatalogueField {
  key: string
  name: string
  /** Other column headings accepted for this field. */
  aliases: string[]
  type: FieldType
  required: boolean
  unit: string | null
  dictionary: string | null
  description: string | null
  /** The allowed codes of an enum field. */
  values: FieldValue[] | null
}

export interface Category {
  code: CategoryCode | string
  name: string
  description: string | null
  /** The providing department (提供部门), by name. */
  provider: string | null
  frequency: Frequency
  keyFields: string[]
  dateField: string | null
  fields: CatalogueField[]
  /** The departments that may submit this category now (the operator's choice or the default). */
  providers?: { id: number; name: string }[]
  /** true when the operator chose the providers; false for the catalogue's default. */
  providersConfigured?: boolean
}

export type BatchSource = 'upload' | 'api' | 'cli'
export type FileFormat = 'csv' | 'xlsx' | 'jsonl'
export type FileEncoding = 'auto' | 'utf-8' | 'gb18030'

/** Who submitted a batch; the contract does not fix its shape, so both a name and an object are accepted. */
export type Submitter = string | { id?: number; username?: string; displayName?: string; name?: string } | null

export interface Batch {
  id: number
  providerId: number
  providerName: string
  category: string
  categoryName: string
  source: BatchSource
  fileName: string
  format: FileFormat | string
  encoding: string | null
  contentSha256: string
  status: string
  rowsTotal: number
  /** Rows stored as new or changed facts. */
  rowsAccepted: number
  /** Valid rows whose fact was already known with the same values. */
  rowsUnchanged: number
  rowsQuarantined: number
  /** Accepted rows that replaced an earlier value (kept in history). */
  rowsSuperseding: number
  unknownColumns: string[]
  /** The file's own header, in file order (sent by the server, not in the prose contract). */
  header?: string[] | null
  resubmitOf: number | null
  receivedAt: string
  completedAt: string | null
  submittedBy: Submitter
}

export interface BatchQuery {
  page?: number
  pageSize?: number
  provider?: number
  category?: string
}

/** Why a cell (or row) was refused, in both languages (docs/openapi.yaml QuarantinedRow). */
export interface LocalisedText {
  zh?: string | null
  en?: string | null
}

export interface QuarantineProblem {
  column: string | null
  value: string | null
  /** `{zh, en}` as the server sends it; a plain string is accepted too. */
  reason: LocalisedText | string | null
}

export interface QuarantineRow {
  rowNumber: number
  /** Original header → original cell text. */
  cells: Record<string, string | null>
  problems: QuarantineProblem[]
}

export interface TimelinessEntry {
  providerId: number
  providerName: string
  category: string
  categoryName: string
  frequency: Frequency
  /** Facts received. */
  facts: number
  /** Facts that arrived more than 20 working days after their own date. */
  late: number
  /** late / facts, as a fraction 0–1 (null without facts). */
  lateShare: number | null
  /** Not in the contract; shown when the server sends it. */
  meanDelayWorkdays?: number | null
  medianDelayWorkdays: number | null
  lastReceivedAt: string | null
  /** `YYYY-MM` periods with no fact although the deadline has passed (last 12 months). */
  missingPeriods: string[]
}

export interface SubmitParams {
  category: string
  fileName: string
  format?: FileFormat
  encoding?: FileEncoding
  /** Organisation id; only the operator submits for another provider. */
  provider?: number
  /** The batch this submission corrects. */
  resubmitOf?: number
}

export interface SubmitResponse {
  batch: Batch
  duplicate?: boolean
}

export function listCategories(signal?: AbortSignal): Promise<{ items: Category[] }> {
  return http.get('/collect/categories', { signal })
}

/** Where a category's 数据模板 (XLSX: the Chinese columns and a sample row) is downloaded; public. */
export function categoryTemplateUrl(code: string): string {
  return `${API_PREFIX}/collect/categories/${encodeURIComponent(code)}/template.xlsx`
}

/** 设置提供部门: exactly these departments may submit the category from now on (operator). */
export function setCategoryProviders(code: string, providers: number[]): Promise<{ items: Category[] }> {
  return http.put(`/collect/categories/${encodeURIComponent(code)}/providers`, { providers })
}

export function listBatches(query: BatchQuery, signal?: AbortSignal): Promise<Page<Batch>> {
  return http.get('/collect/batches', { query: { ...query }, signal })
}

export function getBatch(id: number, signal?: AbortSignal): Promise<Batch> {
  return http.get(`/collect/batches/${encodeURIComponent(id)}`, { signal })
}

/** A government body sees only its region's rows; `outsideScope` counts the others. */
export type QuarantinePage = Page<QuarantineRow> & { outsideScope?: number }

export function listQuarantine(
  id: number,
  query: { page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<QuarantinePage> {
  return http.get(`/collect/batches/${encodeURIComponent(id)}/quarantine`, { query: { ...query }, signal })
}

export function downloadQuarantine(id: number): Promise<Download> {
  return download(`/collect/batches/${encodeURIComponent(id)}/quarantine.xlsx`, {}, `批次${id}-隔离数据.xlsx`)
}

/** The contract lists entries "per provider and category"; both a bare array and `{items}` are accepted. */
export async function getTimeliness(asOf?: string, signal?: AbortSignal): Promise<TimelinessEntry[]> {
  const res = await http.get<TimelinessEntry[] | { items: TimelinessEntry[] }>('/collect/timeliness', {
    query: { asOf: asOf || undefined },
    signal,
  })
  if (Array.isArray(res)) return res
  return res?.items ?? []
}

// --- submitting a file -----------------------------------------------------------

/** The format the server should read, from the file name (.txt is read as CSV, .ndjson as JSON Lines). */
export function formatOfFileName(fileName: string): FileFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase()
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl'
  return undefined
}

/**
 * POST /collect/batches: the file itself is the request body (sent as
 * application/octet-stream with the CSRF header by `http`), everything else goes
 * in the query string.
 */
export function submitBatch(file: Blob, params: SubmitParams): Promise<Job<SubmitResponse>> {
  // Imported in the background (202 and a job): a large file shows its progress and can be stopped.
  return http.post<Job<SubmitResponse>>('/collect/batches', file, {
    prefer: 'respond-async',
    query: {
      category: params.category,
      fileName: params.fileName,
      format: params.format,
      encoding: params.encoding,
      provider: params.provider,
      resubmitOf: params.resubmitOf,
    },
  })
}

export type SubmitOutcome =
  /** 201: a new batch, accepted rows stored and refused rows quarantined. */
  | { kind: 'created'; batch: Batch; message: string }
  /** 200 `duplicate: true`: the same content was submitted before; nothing applied twice. */
  | { kind: 'duplicate'; batch: Batch; message: string }
  /** 422 (the file as a whole cannot be read) or any other failure; nothing stored. */
  | { kind: 'refused'; problem: Problem }

export function createdMessage(batch: Pick<Batch, 'rowsAccepted' | 'rowsQuarantined' | 'rowsUnchanged'>): string {
  const text = `已入库 ${batch.rowsAccepted} 行，隔离 ${batch.rowsQuarantined} 行`
  return batch.rowsUnchanged > 0 ? `${text}，${batch.rowsUnchanged} 行与已有数据相同` : text
}

export function duplicateMessage(batch: Pick<Batch, 'id'>): string {
  return `该文件已提交过（批次 #${batch.id}），未重复入库`
}

/**
 * Submits a file, follows its import and tells the three answers apart; only an aborted request is
 * rethrown. `onProgress` sees the import job as it runs (rows read, percent).
 */
export async function submitBatchFile(
  file: Blob,
  params: SubmitParams,
  onProgress: (job: Job<SubmitResponse>) => void = () => {},
): Promise<SubmitOutcome> {
  try {
    const job = await followJob(await submitBatch(file, params), onProgress)
    if (job.status !== 'succeeded' || !job.result) {
      return { kind: 'refused', problem: job.problem ?? { title: '导入未完成', status: 0 } }
    }
    const res = job.result
    if (res.duplicate) return { kind: 'duplicate', batch: res.batch, message: duplicateMessage(res.batch) }
    return { kind: 'created', batch: res.batch, message: createdMessage(res.batch) }
  } catch (err) {
    if (!(err instanceof ApiError) && (err as Error)?.name === 'AbortError') throw err
    return { kind: 'refused', problem: problemOf(err) }
  }
}
