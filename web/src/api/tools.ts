import { http } from './http'

export interface UsccResult {
  input: string
  /** Normalised form (trimmed, upper-cased) as the server checked it. */
  code: string
  valid: boolean
  /** Why the code is invalid, in Chinese; null when valid. */
  reason: string | null
}

export function validateUscc(codes: string[]): Promise<{ results: UsccResult[] }> {
  return http.post('/uscc/validate', { codes })
}

export type DayKind = 'holiday' | 'adjusted-workday' | 'weekend' | 'weekday'

export interface CalendarDay {
  date: string
  workday: boolean
  kind: DayKind
  /** Holiday name, e.g. 国庆节; null for ordinary days. */
  name: string | null
  /** False when the year has no published State Council schedule yet. */
  inSchedule: boolean
  addWorkdays?: number
  result?: string
}

export function getCalendarDay(date: string, addWorkdays?: number): Promise<CalendarDay> {
  return http.get(`/calendar/${encodeURIComponent(date)}`, { query: { addWorkdays } })
}
