import type { TimelinessEntry } from '@/api/collect'

export interface ProviderShare {
  providerId: number
  providerName: string
  facts: number
  late: number
  /** late / facts (0–1), null without facts. */
  share: number | null
}

/** 逾期率 per 提供部门 over all its categories (weighted by the number of facts), highest first. */
export function lateShareByProvider(entries: readonly TimelinessEntry[]): ProviderShare[] {
  const byProvider = new Map<number, ProviderShare>()
  for (const e of entries) {
    const p = byProvider.get(e.providerId) ?? {
      providerId: e.providerId,
      providerName: e.providerName,
      facts: 0,
      late: 0,
      share: null,
    }
    p.facts += e.facts || 0
    p.late += e.late || 0
    byProvider.set(e.providerId, p)
  }
  const list = [...byProvider.values()].map((p) => ({ ...p, share: p.facts > 0 ? p.late / p.facts : null }))
  return list.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || a.providerName.localeCompare(b.providerName, 'zh-CN'))
}

/** Table order: by provider, then category; each provider's first row spans its rows. */
export function sortedWithSpans(entries: readonly TimelinessEntry[]): (TimelinessEntry & { providerSpan: number })[] {
  const sorted = [...entries].sort(
    (a, b) =>
      a.providerName.localeCompare(b.providerName, 'zh-CN') ||
      a.providerId - b.providerId ||
      a.categoryName.localeCompare(b.categoryName, 'zh-CN'),
  )
  return sorted.map((e, i) => {
    if (i > 0 && sorted[i - 1].providerId === e.providerId) return { ...e, providerSpan: 0 }
    let span = 1
    while (i + span < sorted.length && sorted[i + span].providerId === e.providerId) span++
    return { ...e, providerSpan: span }
  })
}
