import { describe, expect, it } from 'vitest'
import { describeUserAgent, formatWan, formatDateTime, formatInteger, maskMobile } from './format'

describe('formatWan', () => {
  it('converts fen to 万元 with two decimals', () => {
    expect(formatWan(125_000_000, true)).toBe('125.00')
    expect(formatWan(0, true)).toBe('0.00')
    expect(formatWan(1_000_000, true)).toBe('1.00')
    expect(formatWan(123_456_789, true)).toBe('123.46')
    expect(formatWan(50_000, true)).toBe('0.05')
  })

  it('rounds half away from zero at 0.01 万元 (100 元)', () => {
    expect(formatWan(1_004_999, true)).toBe('1.00')
    expect(formatWan(1_005_000, true)).toBe('1.01')
    expect(formatWan(-1_005_000, true)).toBe('-1.01')
  })

  it('keeps large amounts exact without thousands separators', () => {
    // 1 亿元 = 10,000 万元
    expect(formatWan(10_000_000_000, true)).toBe('10000.00')
    expect(formatWan(987_654_321_012_345, true)).toBe('987654321.01')
  })

  it('does not show a negative zero', () => {
    expect(formatWan(-1, true)).toBe('0.00')
    expect(formatWan(-250_000, true)).toBe('-0.25')
  })

  it('without fixed decimals drops trailing zeros (financing amounts: "300", "12.5")', () => {
    expect(formatWan(3_000_000_000)).toBe('3000')
    expect(formatWan(12_500_000)).toBe('12.5')
    expect(formatWan(1_005_000)).toBe('1.01')
    expect(formatWan(-250_000)).toBe('-0.25')
    expect(formatWan(-1)).toBe('0')
  })

  it('shows missing amounts as a dash', () => {
    expect(formatWan(null)).toBe('-')
    expect(formatWan(undefined)).toBe('-')
  })

  it('renders non-finite input as a dash', () => {
    expect(formatWan(Number.NaN, true)).toBe('-')
    expect(formatWan(Number.POSITIVE_INFINITY, true)).toBe('-')
  })
})

describe('formatInteger', () => {
  it('inserts thousands separators', () => {
    expect(formatInteger(0)).toBe('0')
    expect(formatInteger(200)).toBe('200')
    expect(formatInteger(1000)).toBe('1,000')
    expect(formatInteger(1_234_567)).toBe('1,234,567')
    expect(formatInteger(-9_876_543)).toBe('-9,876,543')
  })

  it('rounds fractions and rejects non-finite values', () => {
    expect(formatInteger(1234.6)).toBe('1,235')
    expect(formatInteger(Number.NaN)).toBe('-')
  })
})

describe('formatDateTime', () => {
  it('keeps the Asia/Shanghai wall-clock digits the server sent', () => {
    expect(formatDateTime('2026-05-01T09:30:05+08:00')).toBe('2026-05-01 09:30:05')
    expect(formatDateTime('2026-05-01T09:30:05.123+08:00')).toBe('2026-05-01 09:30:05')
    expect(formatDateTime('2026-05-01T09:30+08:00')).toBe('2026-05-01 09:30:00')
    expect(formatDateTime('2026-05-01T09:30:05.123+08:00', false)).toBe('2026-05-01 09:30')
  })

  it('shows - for missing values and passes unknown shapes through', () => {
    expect(formatDateTime(null)).toBe('-')
    expect(formatDateTime(undefined)).toBe('-')
    expect(formatDateTime('')).toBe('-')
    expect(formatDateTime('昨天')).toBe('昨天')
  })
})

describe('maskMobile', () => {
  it('masks the middle four digits of an 11-digit number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
  })

  it('keeps an already masked value and shows - for none', () => {
    expect(maskMobile('138****5678')).toBe('138****5678')
    expect(maskMobile(null)).toBe('-')
  })
})

describe('describeUserAgent', () => {
  it('names browser and system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 126 / Windows')
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox 128 / Linux',
    )
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0')
    expect(describeUserAgent('')).toBe('-')
  })
})
