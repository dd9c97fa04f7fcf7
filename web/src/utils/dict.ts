/**
 * Dictionaries: the Chinese label and the el-tag colour of every enum value the API uses
 * (RuoYi keeps these in 字典管理). The server holds the one table (GET /api/v1/dictionaries,
 * src/platform/dictionary.cpp); the app loads it once before the first page and reads it here.
 * There is no copy in the web: if the table could not be loaded, values show as their codes.
 */
import { computed, reactive, shallowRef, type ComputedRef } from 'vue'
import { http } from '@/api/http'
import { serverNow } from '@/utils/clock'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export interface DictEntry<V extends string = string> {
  value: V
  label: string
  tag: TagType
}

/** The dictionaries the server names (snake_case), for type-checked calls. */
export type DictName =
  | 'application_actor' | 'application_command' | 'application_source' | 'application_state'
  | 'audit_action' | 'audit_object_type' | 'audit_outcome' | 'batch_source' | 'collect_category'
  | 'consent_scope' | 'consent_status' | 'credit_feature' | 'day_kind' | 'demand_mode' | 'demand_status' | 'drift'
  | 'eligibility_rule' | 'enterprise_status' | 'field_type' | 'file_encoding' | 'frequency'
  | 'guarantee_kind' | 'industry_section' | 'org_kind' | 'org_status' | 'outcome' | 'overdue_outcome'
  | 'overdue_step' | 'permission' | 'product_kind' | 'product_status' | 'repayment_method' | 'role'
  | 'run_status' | 'scorecard_method' | 'scorecard_status' | 'size_class' | 'token_status' | 'urgency'
  | 'user_status' | 'verdict'

export type Dictionaries = Partial<Record<DictName, readonly DictEntry[]>>

const tables = shallowRef<Dictionaries>({})
let loading: Promise<void> | null = null

/** Puts the table in place (the app after loading it; tests from src/test/dictionaries.json). */
export function setDictionaries(dictionaries: Dictionaries): void {
  tables.value = dictionaries
}

/**
 * Loads GET /api/v1/dictionaries once (public, no session needed). A failure is not fatal:
 * every label then reads as its code, and the next call tries again.
 */
export function loadDictionaries(): Promise<void> {
  if (Object.keys(tables.value).length) return Promise.resolve()
  loading ??= http
    .get<{ dictionaries: Dictionaries }>('/dictionaries')
    .then((r) => setDictionaries(r.dictionaries))
    .catch(() => undefined)
    .finally(() => {
      loading = null
    })
  return loading
}

/** The entries of one dictionary, in the server's order (empty when not loaded). Reactive. */
export function dictEntries(name: DictName): readonly DictEntry[] {
  return tables.value[name] ?? []
}

/** The entry of `value` in `dict`. Reactive. */
export function dictEntry(dict: DictName, value: string | null | undefined): DictEntry | undefined {
  return value == null ? undefined : dictEntries(dict).find((e) => e.value === value)
}

/** The Chinese label of `value`: the code itself when unknown, "-" when there is none. */
export function labelOf(dict: DictName, value: string | null | undefined): string {
  if (value == null || value === '') return '-'
  return dictEntry(dict, value)?.label ?? value
}

/** The el-tag type of `value` ("info" when unknown). */
export function tagOf(dict: DictName, value: string | null | undefined): TagType {
  return dictEntry(dict, value)?.tag ?? 'info'
}

/**
 * RuoYi's useDict: `const dict = useDict('size_class', 'enterprise_status')` gives
 * `dict.size_class` (the entries, reactive) for selects, radio groups and <DictTag>.
 */
export function useDict<N extends DictName>(...names: N[]): Readonly<Record<N, readonly DictEntry[]>> {
  const refs = {} as Record<N, ComputedRef<readonly DictEntry[]>>
  for (const name of names) refs[name] = computed(() => dictEntries(name))
  return reactive(refs) as unknown as Readonly<Record<N, readonly DictEntry[]>>
}

/** A value → entry lookup over a dictionary. */
export function lookup<V extends string>(entries: readonly DictEntry<V>[]) {
  const map = new Map<string, DictEntry<V>>(entries.map((e) => [e.value, e]))
  return (value: string | null | undefined): DictEntry<V> | undefined => (value == null ? undefined : map.get(value))
}

export type UserStatus = 'active' | 'disabled' | 'locked'

/** 停用 wins over 锁定: a disabled account stays disabled after the lock runs out. */
export function userStatus(
  user: { disabled: boolean; lockedUntil?: string | null },
  now: number = serverNow(),
): UserStatus {
  if (user.disabled) return 'disabled'
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) return 'locked'
  return 'active'
}

export function tokenStatus(token: { revoked: boolean; expiresAt: string }, now: number = serverNow()) {
  if (token.revoked) return 'revoked' as const
  if (Date.parse(token.expiresAt) <= now) return 'expired' as const
  return 'active' as const
}

