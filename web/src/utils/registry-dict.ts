/**
 * Dictionaries and formatters for 企业库 and 数据归集 (docs/collect-api.md): size
 * classes, registration statuses, GB/T 4754 sections, collection categories,
 * batch sources, update frequencies and catalogue field types.
 */
import type { BatchSource, CatalogueField, FieldType, FileEncoding, Frequency, Submitter } from '@/api/collect'
import type { EnterpriseStatus, SizeClass } from '@/api/registry'
import { lookup, type DictEntry } from './dict'
import { fenToWanYuan } from './format'

/** 企业规模 (`sizeClass`), per 《中小企业划型标准规定》. */
export const SIZE_CLASSES: readonly DictEntry<SizeClass>[] = [
  { value: 'large', label: '大型', tag: 'danger' },
  { value: 'medium', label: '中型', tag: 'warning' },
  { value: 'small', label: '小型', tag: 'primary' },
  { value: 'micro', label: '微型', tag: 'success' },
]
export const sizeClassOf = lookup(SIZE_CLASSES)

/** 登记状态 (`status`). */
export const ENTERPRISE_STATUSES: readonly DictEntry<EnterpriseStatus>[] = [
  { value: 'operating', label: '存续（在业）', tag: 'success' },
  { value: 'revoked', label: '吊销', tag: 'danger' },
  { value: 'cancelled', label: '注销', tag: 'info' },
  { value: 'moved_out', label: '迁出', tag: 'warning' },
]
export const enterpriseStatusOf = lookup(ENTERPRISE_STATUSES)

/** GB/T 4754—2017 国民经济行业分类: the 20 sections (门类). */
export const INDUSTRY_SECTIONS: readonly DictEntry[] = [
  ['A', '农、林、牧、渔业'],
  ['B', '采矿业'],
  ['C', '制造业'],
  ['D', '电力、热力、燃气及水生产和供应业'],
  ['E', '建筑业'],
  ['F', '批发和零售业'],
  ['G', '交通运输、仓储和邮政业'],
  ['H', '住宿和餐饮业'],
  ['I', '信息传输、软件和信息技术服务业'],
  ['J', '金融业'],
  ['K', '房地产业'],
  ['L', '租赁和商务服务业'],
  ['M', '科学研究和技术服务业'],
  ['N', '水利、环境和公共设施管理业'],
  ['O', '居民服务、修理和其他服务业'],
  ['P', '教育'],
  ['Q', '卫生和社会工作'],
  ['R', '文化、体育和娱乐业'],
  ['S', '公共管理、社会保障和社会组织'],
  ['T', '国际组织'],
].map(([value, label]) => ({ value, label, tag: 'info' as const }))
export const industrySectionOf = lookup(INDUSTRY_SECTIONS)

/** Names of the collection categories, for when the catalogue is not (yet) loaded. */
export const COLLECT_CATEGORIES: readonly DictEntry[] = [
  ['registration', '登记信息'],
  ['tax', '纳税信息'],
  ['social_insurance', '社保缴纳'],
  ['housing_fund', '公积金缴存'],
  ['utilities', '水电气'],
  ['licence', '行政许可'],
  ['penalty', '行政处罚'],
  ['judicial', '司法信息'],
  ['abnormal_list', '经营异常名录'],
  ['ip', '知识产权'],
  ['honour', '荣誉资质'],
].map(([value, label]) => ({ value, label, tag: 'info' as const }))
export const collectCategoryOf = lookup(COLLECT_CATEGORIES)

/** Where a batch came from (`Batch.source`). */
export const BATCH_SOURCES: readonly DictEntry<BatchSource>[] = [
  { value: 'upload', label: '页面上传', tag: 'primary' },
  { value: 'api', label: '接口', tag: 'success' },
  { value: 'cli', label: '命令行', tag: 'info' },
]
export const batchSourceOf = lookup(BATCH_SOURCES)

/** 更新频率 (`Category.frequency`). */
export const FREQUENCIES: readonly DictEntry<Frequency>[] = [
  { value: 'monthly', label: '按月', tag: 'primary' },
  { value: 'yearly', label: '按年', tag: 'success' },
  { value: 'on_change', label: '变更时', tag: 'info' },
]
export const frequencyOf = lookup(FREQUENCIES)

/** Catalogue field types (`CatalogueField.type`). */
export const FIELD_TYPES: readonly DictEntry<FieldType>[] = [
  { value: 'text', label: '文本', tag: 'info' },
  { value: 'uscc', label: '统一社会信用代码', tag: 'primary' },
  { value: 'date', label: '日期', tag: 'success' },
  { value: 'month', label: '月份', tag: 'success' },
  { value: 'period', label: '年度或月份', tag: 'success' },
  { value: 'year', label: '年份', tag: 'success' },
  { value: 'amount', label: '金额', tag: 'warning' },
  { value: 'integer', label: '整数', tag: 'warning' },
  { value: 'enum', label: '枚举', tag: 'danger' },
  { value: 'bool', label: '是否', tag: 'info' },
]
export const fieldTypeOf = lookup(FIELD_TYPES)

/** 文件编码 choices of the upload dialog (CSV only; XLSX and JSON Lines are always UTF-8). */
export const FILE_ENCODINGS: readonly { value: FileEncoding; label: string }[] = [
  { value: 'auto', label: '自动识别' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GB18030' },
]

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

/** 分 → "125.00" (万元); missing amounts show as "-". */
export function formatWanYuan(fen: number | null | undefined): string {
  return typeof fen === 'number' ? fenToWanYuan(fen) : '-'
}

export function sizeClassLabel(value: string | null | undefined): string {
  if (!value) return '-'
  return sizeClassOf(value)?.label ?? value
}

export function enterpriseStatusLabel(value: string | null | undefined): string {
  if (!value) return '-'
  return enterpriseStatusOf(value)?.label ?? value
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
  const name = item.industryName || industrySectionOf(section)?.label || ''
  return [code, name].filter(Boolean).join(' ') || '-'
}

export function categoryName(code: string | null | undefined, catalogue?: readonly { code: string; name: string }[]) {
  if (!code) return '-'
  return catalogue?.find((c) => c.code === code)?.name ?? collectCategoryOf(code)?.label ?? code
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
      if (typeof value === 'number') return fenToWanYuan(value)
      return typeof value === 'string' && /^-?\d+$/.test(value) ? fenToWanYuan(Number(value)) : String(value)
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

