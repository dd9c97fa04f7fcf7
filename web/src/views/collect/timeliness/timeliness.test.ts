import { describe, expect, it } from 'vitest'
import type { TimelinessEntry } from '@/api/collect'
import { lateShareByProvider, sortedWithSpans } from './timeliness'

function entry(providerId: number, providerName: string, category: string, facts: number, late: number): TimelinessEntry {
  return {
    providerId,
    providerName,
    category,
    categoryName: category,
    frequency: 'monthly',
    facts,
    late,
    lateShare: facts ? late / facts : null,
    medianDelayWorkdays: 3,
    lastReceivedAt: null,
    missingPeriods: [],
  }
}

const ENTRIES = [
  entry(2, '税务局', 'tax', 100, 10),
  entry(1, '人社局', 'social_insurance', 50, 25),
  entry(2, '税务局', 'housing_fund', 100, 30),
  entry(3, '法院', 'judicial', 0, 0),
]

describe('timeliness', () => {
  it("weights each provider's share by its facts, highest first, providers without facts last", () => {
    expect(lateShareByProvider(ENTRIES).map((p) => [p.providerName, p.facts, p.late, p.share])).toEqual([
      ['人社局', 50, 25, 0.5],
      ['税务局', 200, 40, 0.2],
      ['法院', 0, 0, null],
    ])
  })

  it('groups table rows by provider with the span on the first row', () => {
    const rows = sortedWithSpans(ENTRIES)
    // Providers in pinyin order (法院 fa, 人社局 ren, 税务局 shui).
    expect(rows.map((r) => [r.providerId, r.category, r.providerSpan])).toEqual([
      [3, 'judicial', 1],
      [1, 'social_insurance', 1],
      [2, 'housing_fund', 2],
      [2, 'tax', 0],
    ])
  })
})
