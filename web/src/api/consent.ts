/**
 * 融资对接 (financing marketplace): so far 数据授权 — an enterprise consents to a bank reading
 * its data (scopes, 1–365 days), revokes it, and reads who looked at its data; a bank lists the
 * consents it holds. Contract: docs/finance-api.md.
 */
import { http } from './http'

export interface Bank {
  id: number
  name: string
  shortName: string | null
}

/** A consent scope: `credit` (信用画像), `profile` (企业基本信息) or a collect category. */
export interface ConsentScope {
  code: string
  zh: string
}

export type ConsentStatus = 'live' | 'expired' | 'revoked'

export interface Consent {
  id: number
  enterprise: { id: number; name: string; uscc: string }
  bank: { id: number; name: string }
  scopes: ConsentScope[]
  /** Absent from older answers; the contract's body carries it when given. */
  purpose?: string | null
  grantedBy: string
  grantedAt: string
  expiresAt: string
  revokedAt: string | null
  status: ConsentStatus | string
}

export interface ConsentList {
  items: Consent[]
  /** Every scope an enterprise may grant, in the contract's order. */
  scopes: ConsentScope[]
}

export interface ConsentGrant {
  bankId: number
  scopes: string[]
  days?: number
  purpose?: string
}

/** One read of the enterprise's data by another organisation (谁查看了我的数据). */
export interface ConsentRead {
  at: string
  organisation: string
  username: string
  action: string
  actionZh: string
  detail: string | null
}

const enc = encodeURIComponent

/** GET /banks (public): the enabled bank branches by name. */
export async function listBanks(signal?: AbortSignal): Promise<Bank[]> {
  const res = await http.get<{ items: Bank[] }>('/banks', { signal })
  return res?.items ?? []
}

/** GET /consents: an enterprise's own consents, or those a bank holds, newest first. */
export async function listConsents(signal?: AbortSignal): Promise<ConsentList> {
  const res = await http.get<Partial<ConsentList>>('/consents', { signal })
  return { items: res?.items ?? [], scopes: res?.scopes ?? [] }
}

/** POST /consents: `days` and an empty `purpose` are left out (the server's defaults apply). */
export function grantConsent(grant: ConsentGrant): Promise<Consent> {
  const body: ConsentGrant = { bankId: grant.bankId, scopes: grant.scopes }
  if (grant.days !== undefined) body.days = grant.days
  const purpose = grant.purpose?.trim()
  if (purpose) body.purpose = purpose
  return http.post<Consent>('/consents', body)
}

/** DELETE /consents/{id}: the consent as revoked. */
export function revokeConsent(id: number): Promise<Consent> {
  return http.delete<Consent>(`/consents/${enc(id)}`)
}

/** GET /consents/reads: 谁查看了我的数据, newest first. */
export async function listConsentReads(signal?: AbortSignal): Promise<ConsentRead[]> {
  const res = await http.get<{ items: ConsentRead[] }>('/consents/reads', { signal })
  return res?.items ?? []
}

// --- dictionaries and rules ------------------------------------------------------------


/** The scope a bank needs to open an enterprise's 信用画像. */
export const CREDIT_SCOPE = 'credit'

/** The period the server applies when none is given, and its bounds (days). */
export const CONSENT_DAYS = { default: 30, min: 1, max: 365 } as const

export const PURPOSE_MAX = 200

/** Whether a consent lets its bank read a scope now: live and covering it. */
export function covers(consent: Pick<Consent, 'status' | 'scopes'>, scope: string): boolean {
  return consent.status === 'live' && consent.scopes.some((s) => s.code === scope)
}
