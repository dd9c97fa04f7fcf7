/**
 * 信用画像 (credit profile and scorecard): an enterprise's score, its history, the
 * public scorecard, scorecard versions (list, view, compare, register, activate)
 * and the grade distribution of scoring runs. Contract: docs/credit-api.md.
 */
import { dictEntry } from '@/utils/dict'
import { ApiError, http, problemOf, type Problem } from './http'

// --- scorecard artifact (jinfu.scorecard/1) -------------------------------------------

export interface ScorecardReason {
  code: string
  zh: string
  remedy?: string | null
  department?: string | null
}

export interface ScorecardBin {
  missing?: boolean
  lower?: number | null
  upper?: number | null
  label: string
  points: number
  reason?: ScorecardReason | null
  /** Training statistics (woe_logistic only); shown when present. */
  woe?: number | null
}

export interface ScorecardFeature {
  code: string
  zh?: string | null
  bins: ScorecardBin[]
  /** woe_logistic only. */
  coefficient?: number | null
}

export interface ScorecardGrade {
  grade: string
  zh: string
  minScore: number
}

export interface ScorecardScaling {
  baseScore: number
  baseOdds: number
  pdo: number
  basePoints: number
}

export interface ScorecardArtifact {
  format: string
  version: string
  title: string
  method: ScorecardMethod | string
  createdAt: string
  description?: string | null
  scaling: ScorecardScaling
  grades: ScorecardGrade[]
  features: ScorecardFeature[]
  training?: Record<string, unknown> | null
  checksum: string
  [key: string]: unknown
}

export type ScorecardMethod = 'expert' | 'woe_logistic'
export type ScorecardStatus = 'candidate' | 'active' | 'retired'

export interface ScorecardMetrics {
  auc: number | null
  ks: number | null
  psi: number | null
  sample: number | null
  badRate: number | null
}

/** One row of GET /credit/scorecards (also the answer to register and activate). */
export interface ScorecardItem {
  id: number
  version: string
  title: string
  method: ScorecardMethod | string
  status: ScorecardStatus | string
  checksum: string
  createdAt: string
  createdBy: string | null
  activatedAt: string | null
  activatedBy: string | null
  metrics: ScorecardMetrics | null
}

export interface ScorecardDetail extends ScorecardItem {
  artifact: ScorecardArtifact
}

/** GET /credit/scorecard: the active scorecard, public. */
export interface ActiveScorecard {
  id: number
  version: string
  method: ScorecardMethod | string
  status: ScorecardStatus | string
  checksum: string
  createdAt: string
  activatedAt: string | null
  minScore: number
  maxScore: number
  artifact: ScorecardArtifact
}

export interface CompareSide {
  minPoints: number
  maxPoints: number
  bins: { label: string; points: number }[]
}

export interface CompareFeature {
  code: string
  zh: string
  left: CompareSide | null
  right: CompareSide | null
}

export interface GradeShare {
  grade: string
  zh: string
  count: number
  share: number
}

export interface ComparePopulation {
  runId: number
  asOf: string
  enterprises: number
  left: GradeShare[]
  right: GradeShare[]
  psi: number | null
  upgraded: number
  downgraded: number
  unchanged: number
}

export interface ScorecardComparison {
  left: ScorecardItem
  right: ScorecardItem
  features: CompareFeature[]
  population: ComparePopulation | null
}

// --- scores ----------------------------------------------------------------------------

export interface ScoreFeature {
  code: string
  zh: string
  unit: string | null
  source: string
  sourceZh: string
  value: number | null
  /** "12.5 万元" or "未归集". */
  display: string
  bin: string
  points: number
  maxPoints: number
}

export interface ScoreReason {
  code: string
  feature: string
  featureZh: string
  zh: string
  remedy: string | null
  department: string | null
  pointsLost: number
}

export interface CreditScore {
  scoreId: number
  enterpriseId: number
  uscc: string
  name: string
  asOf: string
  score: number
  grade: string
  gradeZh: string
  minScore: number
  maxScore: number
  basePoints: number
  scorecard: { id: number; version: string; checksum: string }
  inputsHash: string
  features: ScoreFeature[]
  reasons: ScoreReason[]
}

export interface ScoreHistoryItem {
  scoreId: number
  asOf: string
  score: number
  grade: string
  gradeZh: string
  scorecardVersion: string
  runId: number | null
  inputsHash: string
}

export interface ScoreVerification {
  scoreId: number
  scorecardVersion: string
  asOf: string
  stored: { score: number; grade: string; inputsHash: string }
  recomputed: { score: number; grade: string; inputsHash: string }
  reproduced: boolean
}

// --- runs and distribution ---------------------------------------------------------------

export interface ScoringRun {
  id: number
  scorecardVersion: string
  asOf: string
  status: 'running' | 'completed' | string
  startedAt: string
  finishedAt: string | null
  enterprises: number
  psiToPrevious: number | null
}

export interface RunRef {
  id: number
  asOf: string
  scorecardVersion: string
  enterprises: number
}

/** A cell counting fewer than `minimumCount` enterprises is hidden (null), and says so. */
export interface DistributionGrade {
  grade: string
  zh: string
  count: number | null
  share: number | null
  baseCount: number | null
  baseShare: number | null
  suppressed: boolean
  psiTerm: number | null
}

export interface HistogramBucket {
  from: number
  to: number
  count: number | null
  baseCount: number | null
  suppressed: boolean
}

export type Drift = 'stable' | 'moderate' | 'significant'

export interface Distribution {
  run: RunRef
  base: RunRef | null
  grades: DistributionGrade[]
  histogram: HistogramBucket[]
  psi: number | null
  /** Fewest enterprises a shown cell may count (5). */
  minimumCount: number
  suppressedCells: number
  drift: Drift | null
}

// --- calls -------------------------------------------------------------------------------

const enc = encodeURIComponent

export function getActiveScorecard(signal?: AbortSignal): Promise<ActiveScorecard> {
  return http.get('/credit/scorecard', { signal })
}

export async function listScorecards(signal?: AbortSignal): Promise<ScorecardItem[]> {
  const res = await http.get<{ items: ScorecardItem[] }>('/credit/scorecards', { signal })
  return res?.items ?? []
}

export function getScorecard(id: number, signal?: AbortSignal): Promise<ScorecardDetail> {
  return http.get(`/credit/scorecards/${enc(id)}`, { signal })
}

export function compareScorecards(id: number, withId: number, signal?: AbortSignal): Promise<ScorecardComparison> {
  return http.get(`/credit/scorecards/${enc(id)}/compare`, { query: { with: withId }, signal })
}

/**
 * POST /credit/scorecards with the artifact file's own text as the JSON body.
 *
 * The text goes as it is, not parsed and serialised again: the server checks the
 * checksum over the numbers as the file spells them (`20.0` and `20` differ), so a
 * re-serialised file could be refused as tampered. `http` always re-serialises a
 * JSON body, hence this one call goes through fetch with the same headers.
 */
/** Sends the artifact's text unchanged: its checksum covers the file as written. */
export function registerScorecard(text: string): Promise<ScorecardItem> {
  return http.post<ScorecardItem>('/credit/scorecards', new Blob([text], { type: 'application/json' }))
}

export interface TrainingMetrics {
  sample: number
  bads: number
  auc: number
  ks: number
}

export interface TrainingResult {
  scorecard: ScorecardItem
  samples: number
  /** Rows left out, "第 5 行：…" */
  skipped: string[]
  development: TrainingMetrics
  validation: TrainingMetrics
  /** The active scorecard on the same validation sample. */
  baseline: TrainingMetrics | null
  psi: number
  /** Features the trained card leaves out, each with the reason (Chinese). */
  dropped?: DroppedFeature[]
}

export interface DroppedFeature {
  feature: string
  zh: string
  /** "信息值 0.0040 低于 0.02", "与“…”共线…，回归系数非正", "已知值不足：…" */
  reason: string
}

/** Trains a WoE logistic scorecard on a CSV of loan outcomes and registers it as a candidate. */
export function trainScorecard(csv: Blob, version: string, title: string): Promise<TrainingResult> {
  const body = new Blob([csv], { type: 'text/csv' })
  return http.post<TrainingResult>('/credit/scorecards/train', body, { query: { version, title: title || undefined } })
}

export function activateScorecard(id: number): Promise<ScorecardItem> {
  return http.post(`/credit/scorecards/${enc(id)}/activate`)
}

export function getCreditScore(enterpriseId: number, signal?: AbortSignal): Promise<CreditScore> {
  return http.get(`/credit/enterprises/${enc(enterpriseId)}/score`, { signal })
}

export async function getScoreHistory(enterpriseId: number, signal?: AbortSignal): Promise<ScoreHistoryItem[]> {
  const res = await http.get<{ items: ScoreHistoryItem[] }>(`/credit/enterprises/${enc(enterpriseId)}/scores`, { signal })
  return res?.items ?? []
}

export function verifyScore(scoreId: number, signal?: AbortSignal): Promise<ScoreVerification> {
  return http.get(`/credit/scores/${enc(scoreId)}/verify`, { signal })
}

export async function listRuns(signal?: AbortSignal): Promise<ScoringRun[]> {
  const res = await http.get<{ items: ScoringRun[] }>('/credit/runs', { signal })
  return res?.items ?? []
}

export function getDistribution(query: { run?: number; base?: number } = {}, signal?: AbortSignal): Promise<Distribution> {
  return http.get('/credit/distribution', { query: { run: query.run, base: query.base }, signal })
}

// --- reading the artifact file -------------------------------------------------------------

const stripBom = (text: string) => text.replace(/^\uFEFF/, '')

export type ArtifactRead = { ok: true; artifact: Record<string, unknown> } | { ok: false; problem: Problem }

/** Reads an uploaded scorecard file: it must be a JSON object (the server checks the rest). */
export function parseArtifactText(text: string): ArtifactRead {
  let value: unknown
  try {
    value = JSON.parse(stripBom(text))
  } catch (err) {
    return {
      ok: false,
      problem: { title: '文件不是有效的 JSON', status: 0, detail: err instanceof Error ? err.message : String(err) },
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: { title: '文件内容应为一个 JSON 对象（评分卡文件）', status: 0 } }
  }
  return { ok: true, artifact: value as Record<string, unknown> }
}

export type RegisterOutcome = { kind: 'created'; item: ScorecardItem } | { kind: 'refused'; problem: Problem }

/**
 * Registers a candidate from a file's text; a refusal (bad JSON, 409, 422) comes back as its
 * problem. The text is checked to be a JSON object here, and sent unchanged (but for a BOM).
 */
export async function registerScorecardText(text: string): Promise<RegisterOutcome> {
  const read = parseArtifactText(text)
  if (!read.ok) return { kind: 'refused', problem: read.problem }
  try {
    return { kind: 'created', item: await registerScorecard(stripBom(text)) }
  } catch (err) {
    if (!(err instanceof ApiError) && (err as Error)?.name === 'AbortError') throw err
    return { kind: 'refused', problem: problemOf(err) }
  }
}

// --- dictionaries ----------------------------------------------------------------------------


/** The drift a PSI means (< 0.10 稳定, 0.10–0.25 轻微漂移, ≥ 0.25 显著漂移). */
export function driftOf(psi: number | null | undefined): Drift | null {
  if (typeof psi !== 'number' || !Number.isFinite(psi)) return null
  if (psi < 0.1) return 'stable'
  if (psi < 0.25) return 'moderate'
  return 'significant'
}

export function featureName(code: string, zh?: string | null): string {
  return zh || dictEntry('credit_feature', code)?.label || code
}

/** "sha256:0123456789abcdef…" → "0123456789ab…" for tables; the full value goes in a tooltip. */
export function shortChecksum(checksum: string | null | undefined, length = 12): string {
  if (!checksum) return '-'
  const hex = checksum.replace(/^sha256:/, '')
  return hex.length > length ? `${hex.slice(0, length)}…` : hex
}

/** 0.1234 → "12.3%"; null → "-". */
export function formatShare(share: number | null | undefined, digits = 1): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '-'
  return `${(share * 100).toFixed(digits)}%`
}

/** A metric (AUC, KS, PSI) with a fixed number of decimals; null → "-". */
export function formatMetric(value: number | null | undefined, digits = 3): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '-'
  return value.toFixed(digits)
}
