/**
 * Pure logic of the government's 融资对接 pages: the pipeline funnel (发布 → 接单 → 授信 → 放款)
 * and bar chart options for 对接总览, the overdue outcome tags of 超时督办, and the limits form.
 */
import { type FunnelRow } from '@/api/oversight'
import { type TimeLimits } from '@/api/product'
import { formatWan } from '@/utils/format'

export const STAGES = [
  { key: 'published', fen: 'publishedFen', label: '发布' },
  { key: 'claimed', fen: null, label: '接单' },
  { key: 'approved', fen: 'approvedFen', label: '授信' },
  { key: 'disbursed', fen: 'disbursedFen', label: '放款' },
] as const

export interface FunnelStage {
  label: string
  count: number
  /** 万元, or null where the API gives no amount (接单). */
  amountWan: string | null
  /** Share of 发布, as "80.0%" (or "-" when nothing was published). */
  share: string
}

export function funnelStages(row: FunnelRow): FunnelStage[] {
  return STAGES.map((s) => ({
    label: s.label,
    count: row[s.key],
    amountWan: s.fen ? formatWan(row[s.fen]) : null,
    share: row.published ? `${((row[s.key] / row.published) * 100).toFixed(1)}%` : '-',
  }))
}

const COLORS = ['#409eff', '#67c23a', '#e6a23c', '#f56c6c']

export function funnelOption(row: FunnelRow) {
  const stages = funnelStages(row)
  const max = Math.max(1, ...stages.map((s) => s.count))
  return {
    color: COLORS,
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const s = stages[p.dataIndex]
        return `${s.label}：${s.count} 笔${s.amountWan !== null ? `，${s.amountWan} 万元` : ''}（占发布 ${s.share}）`
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 10,
        bottom: 10,
        min: 0,
        max,
        minSize: '12%',
        gap: 3,
        label: {
          show: true,
          position: 'inside',
          formatter: (p: { dataIndex: number }) => {
            const s = stages[p.dataIndex]
            return `${s.label}  ${s.count} 笔${s.amountWan !== null ? ` · ${s.amountWan} 万元` : ''}`
          },
        },
        data: stages.map((s) => ({ name: s.label, value: s.count })),
      },
    ],
  }
}

/** Grouped bars of the four counts per bank or park, with amounts in the tooltip. */
export function barOption(rows: FunnelRow[]) {
  const names = rows.map((r) => r.name || '（未填）')
  return {
    color: COLORS,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0]
        if (!r) return ''
        return [
          `<b>${names[params[0].dataIndex]}</b>`,
          `发布 ${r.published} 笔，${formatWan(r.publishedFen)} 万元`,
          `接单 ${r.claimed} 笔`,
          `授信 ${r.approved} 笔，${formatWan(r.approvedFen)} 万元`,
          `放款 ${r.disbursed} 笔，${formatWan(r.disbursedFen)} 万元`,
        ].join('<br/>')
      },
    },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', name: '笔数', minInterval: 1 },
    series: STAGES.map((s) => ({ name: s.label, type: 'bar', barMaxWidth: 28, data: rows.map((r) => r[s.key]) })),
  }
}


export const LIMIT_FIELDS: { key: keyof TimeLimits; label: string; hint: string }[] = [
  { key: 'claimOrRespond', label: '接单/响应', hint: '需求发布后须有银行接单，或定向申请后银行须响应的时限；超时的接单需求列入督办。' },
  { key: 'firstContact', label: '首次联系', hint: '银行接单后须首次联系企业（受理）的时限；超时则接单失效，需求退回需求池。' },
  { key: 'decision', label: '审批决定', hint: '受理后须作出授信或拒绝决定的时限；超时提醒银行并列入督办。' },
]

/** 1–60 working days, whole numbers. */
export function limitError(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isInteger(value)) return '请填写整数'
  if (value < 1 || value > 60) return '时限应为 1 到 60 个工作日'
  return ''
}
