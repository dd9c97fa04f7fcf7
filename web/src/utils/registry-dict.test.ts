import { describe, expect, it } from 'vitest'
import { dictEntries } from './dict'
import { formatWan } from './format'
import {
  categoryName,
  enterpriseStatusLabel,
  enumChip,
  formatAny,
  formatDate,
  formatFactValue,
  formatPercent,
  formatWorkdays,
  industryText,
  shortSha,
  sizeClassLabel,
  submitterName,
} from './registry-dict'

const SIZE_CLASSES = dictEntries('size_class')
const ENTERPRISE_STATUSES = dictEntries('enterprise_status')
const INDUSTRY_SECTIONS = dictEntries('industry_section')
const FREQUENCIES = dictEntries('frequency')
const BATCH_SOURCES = dictEntries('batch_source')
const FIELD_TYPES = dictEntries('field_type')

describe('amounts', () => {
  it('shows fen as 万元 with two decimals, and "-" when missing', () => {
    expect(formatWan(500_000_000, true)).toBe('500.00') // 500 万元
    expect(formatWan(123_456_789, true)).toBe('123.46')
    expect(formatWan(1_005_000, true)).toBe('1.01') // half away from zero, no binary-fraction surprises
    expect(formatWan(0, true)).toBe('0.00')
    expect(formatWan(-2_500_000, true)).toBe('-2.50')
    expect(formatWan(null, true)).toBe('-')
    expect(formatWan(undefined, true)).toBe('-')
  })
})

describe('size classes and statuses', () => {
  it('names the four size classes', () => {
    expect(SIZE_CLASSES.map((s) => [s.value, s.label])).toEqual([
      ['large', '大型'],
      ['medium', '中型'],
      ['small', '小型'],
      ['micro', '微型'],
    ])
    expect(sizeClassLabel('micro')).toBe('微型')
    expect(sizeClassLabel(null)).toBe('-')
    expect(sizeClassLabel('giant')).toBe('giant')
  })

  it('names the registration statuses', () => {
    expect(ENTERPRISE_STATUSES.map((s) => s.label)).toEqual(['存续（在业）', '吊销', '注销', '迁出'])
    expect(enterpriseStatusLabel('operating')).toBe('存续（在业）')
    expect(enterpriseStatusLabel('moved_out')).toBe('迁出')
    expect(ENTERPRISE_STATUSES.find((s) => s.value === 'revoked')?.tag).toBe('danger')
    expect(enterpriseStatusLabel(undefined)).toBe('-')
  })
})

describe('industries', () => {
  it('lists the 20 GB/T 4754 sections A–T', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.value).join('')).toBe('ABCDEFGHIJKLMNOPQRST')
    expect(INDUSTRY_SECTIONS.find((s) => s.value === 'D')?.label).toBe('电力、热力、燃气及水生产和供应业')
    expect(INDUSTRY_SECTIONS.find((s) => s.value === 'I')?.label).toBe('信息传输、软件和信息技术服务业')
  })

  it('shows section + division with the most specific name', () => {
    expect(industryText({ industrySection: 'C', industryDivision: '35', industryName: '专用设备制造业' })).toBe(
      'C35 专用设备制造业',
    )
    expect(industryText({ industrySection: 'C', industryDivision: null, industryName: null })).toBe('C 制造业')
    expect(industryText({})).toBe('-')
  })
})

describe('catalogue dictionaries', () => {
  it('names frequencies, sources and field types', () => {
    expect(FREQUENCIES.map((f) => f.label)).toEqual(['按月', '按年', '变更时'])
    expect(BATCH_SOURCES.map((s) => s.label)).toEqual(['页面上传', '接口', '命令行'])
    expect(FIELD_TYPES.map((t) => t.label)).toEqual([
      '文本',
      '统一社会信用代码',
      '日期',
      '月份',
      '年度或月份',
      '年份',
      '金额',
      '整数',
      '枚举',
      '是否',
    ])
  })

  it('names categories from the catalogue, else from the built-in list, else by code', () => {
    expect(categoryName('tax')).toBe('纳税')
    expect(categoryName('tax', [{ code: 'tax', name: '税务数据' }])).toBe('税务数据')
    expect(categoryName('unknown_cat')).toBe('unknown_cat')
    expect(categoryName(null)).toBe('-')
  })

  it('formats enum values as 代码（名称） chips', () => {
    expect(enumChip({ code: 'A', name: 'A级' })).toBe('A（A级）')
    expect(enumChip({ code: 'X', name: 'X' })).toBe('X')
  })
})

describe('fact values', () => {
  const values = [
    { code: 'A', name: 'A级' },
    { code: 'B', name: 'B级' },
  ]

  it('follows the catalogue field type', () => {
    expect(formatFactValue(12_345_600, { type: 'amount', values: null })).toBe('12.35')
    expect(formatFactValue('12345600', { type: 'amount', values: null })).toBe('12.35') // history sends digits
    expect(formatFactValue('约 5 万', { type: 'amount', values: null })).toBe('约 5 万')
    expect(formatFactValue('A', { type: 'enum', values })).toBe('A（A级）')
    expect(formatFactValue('Z', { type: 'enum', values })).toBe('Z')
    expect(formatFactValue(true, { type: 'bool', values: null })).toBe('是')
    expect(formatFactValue(false, { type: 'bool', values: null })).toBe('否')
    expect(formatFactValue('2026-03', { type: 'month', values: null })).toBe('2026-03')
    expect(formatFactValue(null, { type: 'text', values: null })).toBe('-')
    expect(formatFactValue('<b>x</b>')).toBe('<b>x</b>') // shown as text by the templates, never parsed
  })

  it('formats history values of any type', () => {
    expect(formatAny(null)).toBe('（空）')
    expect(formatAny('')).toBe('（空）')
    expect(formatAny(3)).toBe('3')
    expect(formatAny(true)).toBe('是')
    expect(formatAny({ a: 1 })).toBe('{"a":1}')
  })
})

describe('other formatters', () => {
  it('formats dates, shares, workdays, digests and submitters', () => {
    expect(formatDate('2026-05-01T09:30:00+08:00')).toBe('2026-05-01')
    expect(formatDate('2026-05-01')).toBe('2026-05-01')
    expect(formatDate(null)).toBe('-')
    expect(formatPercent(0.125)).toBe('12.5%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(null)).toBe('-')
    expect(formatWorkdays(2.25)).toBe('2.3')
    expect(formatWorkdays(3)).toBe('3')
    expect(formatWorkdays(undefined)).toBe('-')
    expect(shortSha('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`)
    expect(shortSha(null)).toBe('-')
    expect(submitterName('demo-provider')).toBe('demo-provider')
    expect(submitterName({ id: 7, username: 'u7', displayName: '张三' })).toBe('张三')
    expect(submitterName(null)).toBe('-')
  })
})
