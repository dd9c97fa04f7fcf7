/**
 * 融资申请: applications, their timeline and the commands that move them.
 * Contract: docs/finance-api.md. Money is integer fen (`…Fen`), rates basis points (`…Bp`), times RFC 3339 +08:00.
 */
import { http, type Page, type QueryValue } from './http'
import type { Clock } from './demand'
import type { Named } from './product'

const enc = encodeURIComponent
type Query = Record<string, QueryValue>

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
