import type { DayKind } from '@/api/tools'

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

// Wording follows the State Council holiday notices staff are used to reading.
export const DAY_KIND_LABELS: Record<DayKind, { label: string; tag: TagType }> = {
  holiday: { label: '法定节假日', tag: 'danger' },
  weekend: { label: '休息日', tag: 'info' },
  'adjusted-workday': { label: '调休上班日', tag: 'warning' },
  weekday: { label: '工作日', tag: 'success' },
}

export function dayKindLabel(kind: DayKind): { label: string; tag: TagType } {
  return DAY_KIND_LABELS[kind] ?? { label: kind, tag: 'info' }
}
