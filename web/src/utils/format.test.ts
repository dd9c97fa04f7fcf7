import { describe, expect, it } from 'vitest'
import { fenToWanYuan, formatInteger } from './format'

describe('fenToWanYuan', () => {
  it('converts fen to 万元 with two decimals', () => {
    expect(fenToWanYuan(125_000_000)).toBe('125.00')
    expect(fenToWanYuan(0)).toBe('0.00')
    expect(fenToWanYuan(1_000_000)).toBe('1.00')
    expect(fenToWanYuan(123_456_789)).toBe('123.46')
    expect(fenToWanYuan(50_000)).toBe('0.05')
  })

  it('rounds half away from zero at 0.01 万元 (100 元)', () => {
    expect(fenToWanYuan(1_004_999)).toBe('1.00')
    expect(fenToWanYuan(1_005_000)).toBe('1.01')
    expect(fenToWanYuan(-1_005_000)).toBe('-1.01')
  })

  it('keeps large amounts exact without thousands separators', () => {
    // 1 亿元 = 10,000 万元
    expect(fenToWanYuan(10_000_000_000)).toBe('10000.00')
    expect(fenToWanYuan(987_654_321_012_345)).toBe('987654321.01')
  })

  it('does not show a negative zero', () => {
    expect(fenToWanYuan(-1)).toBe('0.00')
    expect(fenToWanYuan(-250_000)).toBe('-0.25')
  })

  it('renders non-finite input as a dash', () => {
    expect(fenToWanYuan(Number.NaN)).toBe('-')
    expect(fenToWanYuan(Number.POSITIVE_INFINITY)).toBe('-')
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
