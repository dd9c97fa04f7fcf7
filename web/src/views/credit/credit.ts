/**
 * Pure helpers for the 信用画像 pages: grade colours, the gauge and chart options,
 * the reasons shown first and the per-feature view of a scorecard artifact.
 */
import type {
  CompareFeature,
  Distribution,
  HistogramBucket,
  ScoreHistoryItem,
  ScoreReason,
  ScorecardBin,
  ScorecardFeature,
  ScorecardGrade,
} from '@/api/credit'
import { featureName } from '@/api/credit'

/** Best grade first: green, light green, amber, orange, red. */
const PALETTE = ['#67c23a', '#95d475', '#e6a23c', '#f3894a', '#f56c6c']

/** Grades ordered from the best (highest minScore) to the worst. */
export function sortedGrades(grades: readonly ScorecardGrade[] | null | undefined): ScorecardGrade[] {
  return [...(grades ?? [])].sort((a, b) => b.minScore - a.minScore)
}

/** The colour of a grade: its rank among the scorecard's grades spread over the palette. */
export function gradeColor(grade: string | null | undefined, grades?: readonly ScorecardGrade[] | null): string {
  const list = sortedGrades(grades)
  let index = list.findIndex((g) => g.grade === grade)
  let count = list.length
  if (index < 0) {
    // Without the scorecard, A–E by letter.
    index = grade ? 'ABCDE'.indexOf(grade.toUpperCase()) : -1
    count = 5
    if (index < 0) return '#909399'
  }
  if (count <= 1) return PALETTE[0]
  return PALETTE[Math.round((index * (PALETTE.length - 1)) / (count - 1))]
}

/** el-tag type for a grade (A/B success, C warning, D/E danger), by rank. */
export function gradeTagType(grade: string | null | undefined, grades?: readonly ScorecardGrade[] | null) {
  const color = gradeColor(grade, grades)
  const i = PALETTE.indexOf(color)
  if (i < 0) return 'info' as const
  return i <= 1 ? ('success' as const) : i === 2 ? ('warning' as const) : ('danger' as const)
}

/**
 * The gauge's coloured bands: `[[fraction, colour], …]` from minScore to maxScore,
 * one band per grade (each from its minScore up to the next grade's).
 */
export function gaugeBands(
  grades: readonly ScorecardGrade[] | null | undefined,
  minScore: number,
  maxScore: number,
): [number, string][] {
  const span = maxScore - minScore
  const ascending = sortedGrades(grades).reverse()
  if (!ascending.length || !(span > 0)) return [[1, '#409eff']]
  const bands: [number, string][] = []
  for (let i = 0; i < ascending.length; i++) {
    const next = ascending[i + 1]
    const lower = Math.max(ascending[i].minScore, minScore)
    const upper = next ? Math.min(next.minScore, maxScore) : maxScore
    // A grade the range cannot reach has no band.
    if (upper <= lower) continue
    bands.push([Math.round(((upper - minScore) / span) * 10_000) / 10_000, gradeColor(ascending[i].grade, grades)])
  }
  if (!bands.length) return [[1, '#409eff']]
  bands[bands.length - 1][0] = 1
  return bands
}

export function gaugeOption(opts: {
  score: number
  minScore: number
  maxScore: number
  grade: string
  gradeZh: string
  grades?: readonly ScorecardGrade[] | null
}) {
  const color = gradeColor(opts.grade, opts.grades)
  return {
    series: [
      {
        type: 'gauge',
        min: opts.minScore,
        max: opts.maxScore,
        startAngle: 210,
        endAngle: -30,
        splitNumber: 6,
        radius: '92%',
        center: ['50%', '56%'],
        axisLine: { lineStyle: { width: 18, color: gaugeBands(opts.grades, opts.minScore, opts.maxScore) } },
        pointer: { length: '58%', width: 6, itemStyle: { color } },
        anchor: { show: true, size: 12, itemStyle: { color } },
        axisTick: { distance: -18, length: 6, lineStyle: { color: '#fff', width: 1 } },
        splitLine: { distance: -18, length: 18, lineStyle: { color: '#fff', width: 2 } },
        axisLabel: { distance: 24, color: '#909399', fontSize: 11, formatter: (v: number) => String(Math.round(v)) },
        title: { offsetCenter: [0, '78%'], fontSize: 15, color },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '44%'],
          fontSize: 34,
          fontWeight: 'bold',
          color,
          formatter: '{value}',
        },
        data: [{ value: opts.score, name: `${opts.grade} · ${opts.gradeZh}` }],
      },
    ],
  }
}

/** The reasons shown prominently: the four that cost the most points (the server's order). */
export function splitReasons(reasons: readonly ScoreReason[] | null | undefined, top = 4) {
  const list = [...(reasons ?? [])]
  return { top: list.slice(0, top), rest: list.slice(top) }
}

/** The score history as a line chart, oldest first. */
export function historyOption(items: readonly ScoreHistoryItem[]) {
  const points = [...items].reverse()
  return {
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { left: 40, right: 24, top: 24, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.asOf.slice(0, 10)), boundaryGap: false },
    // Scaled to the scores themselves: over the whole range a change of 50 points would look flat.
    yAxis: { type: 'value', scale: true, name: '信用分' },
    series: [
      {
        name: '信用分',
        type: 'line',
        symbolSize: 8,
        data: points.map((p) => p.score),
        itemStyle: { color: '#409eff' },
        label: { show: points.length <= 12, position: 'top' },
      },
    ],
  }
}

const BASE_COLOR = '#b1b3b8'
const RUN_COLOR = '#409eff'
/** The tooltip of a chart of shares in percent. */
const PERCENT_TOOLTIP = {
  trigger: 'axis',
  renderMode: 'richText',
  axisPointer: { type: 'shadow' },
  valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '-'),
}

/** 本期/基期 grade shares, in percent. */
export function gradeChartOption(d: Distribution) {
  const pct = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v * 1000) / 10 : null)
  const bars = (name: string, color: string, data: (number | null)[]) => ({
    name,
    type: 'bar',
    barMaxWidth: 36,
    itemStyle: { color },
    label: { show: true, position: 'top', formatter: '{c}%', fontSize: 11 },
    data,
  })
  const series: object[] = []
  if (d.base) series.push(bars('基期', BASE_COLOR, d.grades.map((g) => pct(g.baseShare))))
  series.push(bars('本期', RUN_COLOR, d.grades.map((g) => pct(g.share))))
  return {
    tooltip: PERCENT_TOOLTIP,
    legend: { top: 0, data: d.base ? ['本期', '基期'] : ['本期'] },
    grid: { left: 40, right: 24, top: 40, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: d.grades.map((g) => `${g.grade}（${g.zh}）`) },
    yAxis: { type: 'value', name: '企业占比（%）', min: 0, axisLabel: { formatter: '{value}%' } },
    series,
  }
}

/** The score histogram: enterprises per score band, 本期 and 基期. */
export function histogramOption(buckets: readonly HistogramBucket[], withBase: boolean) {
  const series: object[] = []
  if (withBase) {
    series.push({
      name: '基期',
      type: 'bar',
      barGap: '0%',
      itemStyle: { color: BASE_COLOR },
      data: buckets.map((b) => b.baseCount ?? 0),
    })
  }
  series.push({ name: '本期', type: 'bar', barGap: '0%', itemStyle: { color: RUN_COLOR }, data: buckets.map((b) => b.count) })
  return {
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: withBase ? ['本期', '基期'] : ['本期'] },
    grid: { left: 40, right: 24, top: 40, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      name: '信用分',
      nameLocation: 'middle',
      nameGap: buckets.length > 12 ? 48 : 30,
      data: buckets.map((b) => `${b.from}–${b.to}`),
      axisLabel: { interval: 'auto', rotate: buckets.length > 12 ? 40 : 0 },
    },
    yAxis: { type: 'value', name: '企业数（家）', minInterval: 1 },
    series,
  }
}

/** Two population distributions side by side (scorecard comparison), in percent. */
export function compareGradeOption(
  left: readonly { grade: string; zh: string; share: number }[],
  right: readonly { grade: string; zh: string; share: number }[],
  leftName: string,
  rightName: string,
) {
  const grades = [...new Map([...left, ...right].map((g) => [g.grade, g])).values()]
  const shareOf = (list: readonly { grade: string; share: number }[], grade: string) => {
    const g = list.find((x) => x.grade === grade)
    return g ? Math.round(g.share * 1000) / 10 : 0
  }
  return {
    tooltip: PERCENT_TOOLTIP,
    legend: { top: 0, data: [leftName, rightName] },
    grid: { left: 40, right: 16, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: grades.map((g) => `${g.grade}（${g.zh}）`) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: leftName, type: 'bar', barMaxWidth: 28, itemStyle: { color: BASE_COLOR }, data: grades.map((g) => shareOf(left, g.grade)) },
      { name: rightName, type: 'bar', barMaxWidth: 28, itemStyle: { color: RUN_COLOR }, data: grades.map((g) => shareOf(right, g.grade)) },
    ],
  }
}

export interface BinRow extends ScorecardBin {
  /** Points lost against the feature's best bin. */
  lost: number
}

export interface FeatureView {
  code: string
  zh: string
  maxPoints: number
  minPoints: number
  bins: BinRow[]
}

/** A scorecard feature for display: its name, its best and worst points, each bin's loss. */
export function featureView(feature: ScorecardFeature): FeatureView {
  const points = feature.bins.map((b) => b.points)
  const maxPoints = points.length ? Math.max(...points) : 0
  const minPoints = points.length ? Math.min(...points) : 0
  return {
    code: feature.code,
    zh: featureName(feature.code, feature.zh),
    maxPoints,
    minPoints,
    bins: feature.bins.map((b) => ({ ...b, lost: maxPoints - b.points })),
  }
}

/** The score range of a scorecard: basePoints + Σ min points … basePoints + Σ max points. */
export function scoreRange(basePoints: number, features: readonly ScorecardFeature[]) {
  let min = basePoints
  let max = basePoints
  for (const f of features) {
    const v = featureView(f)
    min += v.minPoints
    max += v.maxPoints
  }
  return { min, max }
}

/** Whether a feature's bins differ between the two sides of a comparison. */
export function featureChanged(f: CompareFeature): boolean {
  if (!f.left || !f.right) return true
  if (f.left.bins.length !== f.right.bins.length) return true
  return f.left.bins.some((b, i) => b.label !== f.right!.bins[i].label || b.points !== f.right!.bins[i].points)
}
