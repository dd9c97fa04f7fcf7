/**
 * Formatters for 企业库 and 数据归集 (docs/collect-api.md). The enum labels (size classes,
 * registration statuses, GB/T 4754 sections, collection categories, …) are the server's
 * dictionaries: utils/dict.ts.
 */
import type { CatalogueField, Submitter } from '@/api/collect'
import { dictEntry, labelOf } from './dict'
import { formatWan } from './format'

/** Units of catalogue fields (`unit`), as the catalogue's codes. */
export const FIELD_UNITS: Readonly<Record<string, string>> = {
  yuan: '元',
  wan_yuan: '万元',
  fen: '分',
  person: '人',
  persons: '人',
  month: '月',
  months: '月',
  day: '天',
  days: '天',
  percent: '%',
}

/** A field's unit in Chinese (`yuan` → 元); unknown units as they came, none as "-". */
export function unitLabel(unit: string | null | undefined): string {
  if (!unit) return '-'
  return FIELD_UNITS[unit] ?? unit
}

// --- formatters -----------------------------------------------------------------


export function sizeClassLabel(value: string | null | undefined): string {
  return labelOf('size_class', value)
}

export function enterpriseStatusLabel(value: string | null | undefined): string {
  return labelOf('enterprise_status', value)
}

/** "2026-05-01T09:30:00+08:00" or "2026-05-01" → "2026-05-01". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '-'
  return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value
}

/**
 * The industry as "C 制造业" or, with a division, "C35 专用设备制造业" (the
 * division's own name from the API when given, else the section's name).
 */
export function industryText(item: {
  industrySection?: string | null
  industryDivision?: string | null
  industryName?: string | null
}): string {
  const section = item.industrySection ?? ''
  const code = `${section}${item.industryDivision ?? ''}`
  const name = item.industryName || dictEntry('industry_section', section)?.label || ''
  return [code, name].filter(Boolean).join(' ') || '-'
}

export function categoryName(code: string | null | undefined, catalogue?: readonly { code: string; name: string }[]) {
  if (!code) return '-'
  return catalogue?.find((c) => c.code === code)?.name ?? dictEntry('collect_category', code)?.label ?? code
}

/** A 0–1 share as a percentage with one decimal: 0.125 → "12.5%". */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '-'
  return `${(share * 100).toFixed(digits)}%`
}

/** Workdays with at most one decimal: 3 → "3", 2.5 → "2.5". */
export function formatWorkdays(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '-'
  return String(Math.round(value * 10) / 10)
}

/** "A（A级）" for an enum value, the way the catalogue lists them. */
export function enumChip(value: { code: string; name: string }): string {
  return value.name && value.name !== value.code ? `${value.code}（${value.name}）` : value.code
}

/** A SHA-256 hex digest shortened for display: the first 12 digits. */
export function shortSha(sha: string | null | undefined): string {
  if (!sha) return '-'
  return sha.length > 12 ? `${sha.slice(0, 12)}…` : sha
}

export function submitterName(submitter: Submitter | undefined): string {
  if (!submitter) return '-'
  if (typeof submitter === 'string') return submitter
  return submitter.displayName || submitter.name || submitter.username || (submitter.id ? `#${submitter.id}` : '-')
}

/**
 * A collected value as text, according to its catalogue field: amounts (fen) in
 * 万元, enum codes with their names, booleans as 是/否. Without a field the value
 * is shown as it came.
 */
export function formatFactValue(
  value: unknown,
  field?: Pick<CatalogueField, 'type' | 'values'>,
  options: { enumAs?: 'chip' | 'name' } = {},
): string {
  if (value === null || value === undefined || value === '') return '-'
  switch (field?.type) {
    case 'amount':
      // Fen, as a number (facts) or as digits (history values).
      if (typeof value === 'number') return formatWan(value, true)
      return typeof value === 'string' && /^-?\d+$/.test(value) ? formatWan(Number(value), true) : String(value)
    case 'enum': {
      const entry = field.values?.find((v) => v.code === String(value))
      if (!entry) return String(value)
      // `name` (电, 有限责任公司) for reading collected data; the chip (electricity（电）) where codes matter.
      return options.enumAs === 'name' ? entry.name || entry.code : enumChip(entry)
    }
    case 'bool':
      if (value === true || value === 'true') return '是'
      if (value === false || value === 'false') return '否'
      return String(value)
    default:
      return formatAny(value)
  }
}

/** Any JSON value as text (history before/after): objects as JSON, nothing as "（空）". */
export function formatAny(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

