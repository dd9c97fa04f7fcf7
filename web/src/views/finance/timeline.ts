/**
 * Reading an application as both sides see it: each timeline event's facts
 * (amounts in 万元, rates in %), rejection reasons with remedy and department, who acted and the
 * dot's colour. One module for the enterprise's 申请详情 and the bank's 办理申请, so the two read an
 * event the same way. Shapes: api/product.ts, api/demand.ts, api/application.ts.
 */
import { type TimelineEvent } from '@/api/application'
import { pct, type RejectionReason } from '@/api/product'
import { formatWan } from '@/utils/format'

/** A timeline event's facts beyond its note, as label/value pairs (reasons are shown apart). */
export function eventFacts(event: Pick<TimelineEvent, 'command' | 'detail'>): { label: string; value: string }[] {
  const d = event.detail ?? {}
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null)
  const str = (k: string) => (typeof d[k] === 'string' && d[k] ? (d[k] as string) : null)
  const out: { label: string; value: string }[] = []
  const add = (label: string, value: string | null) => {
    if (value !== null) out.push({ label, value })
  }
  switch (event.command) {
    case 'approve':
      add('授信金额', num('amountFen') === null ? null : `${formatWan(num('amountFen'))} 万元`)
      add('年利率', num('rateBp') === null ? null : pct(num('rateBp')))
      add('期限', num('termMonths') === null ? null : `${num('termMonths')} 个月`)
      add('授信有效期至', str('validUntil'))
      break
    case 'disburse':
      add('本次放款', num('amountFen') === null ? null : `${formatWan(num('amountFen'))} 万元`)
      add('放款日期', str('onDate'))
      if (num('disbursedFen') !== null)
        add(
          '累计放款',
          `${formatWan(num('disbursedFen'))} 万元${num('approvedFen') !== null ? ` / 授信 ${formatWan(num('approvedFen'))} 万元` : ''}`,
        )
      break
    case 'sign_contract':
      add('合同编号', str('contractNo'))
      break
    case 'settle':
      add('结清日期', str('onDate'))
      break
    case 'report_overdue':
      add('逾期日期', str('onDate'))
      break
    case 'lapse':
      add('时限', str('deadline'))
      break
  }
  return out
}

/** The rejection reasons of a `reject` event (with remedy and responsible department). */
export function reasonsOf(event: Pick<TimelineEvent, 'command' | 'detail'>): RejectionReason[] {
  const reasons = event.detail?.reasons
  return event.command === 'reject' && Array.isArray(reasons) ? (reasons as RejectionReason[]) : []
}

/** Who did it: "工商银行焦作分行 · demo-bank-officer", or 系统 for the scheduler. */
export function actorText(event: Pick<TimelineEvent, 'actor' | 'organisation' | 'username'>): string {
  if (event.actor === 'system') return '系统'
  return [event.organisation, event.username].filter(Boolean).join(' · ') || '-'
}

/** The timeline dot's colour by what happened. */
export function eventType(command: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  if (['approve', 'sign_contract', 'disburse', 'settle'].includes(command)) return 'success'
  if (['reject', 'report_overdue', 'lapse'].includes(command)) return 'danger'
  if (['request_materials', 'withdraw'].includes(command)) return 'warning'
  return 'primary'
}

/** The bank's latest note asking for materials, for an application waiting for them. */
export function materialsRequest(timeline: readonly TimelineEvent[]): TimelineEvent | null {
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i].command === 'request_materials') return timeline[i]
  return null
}
