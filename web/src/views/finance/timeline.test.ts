import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '@/api/application'
import { eventFacts, eventType, materialsRequest, reasonsOf } from './timeline'

// What both sides read in an application's timeline (the bank's 办理申请 and the enterprise's 申请详情).
describe('the timeline, as both sides read it', () => {
  const base: Omit<TimelineEvent, 'command' | 'commandZh' | 'detail'> = {
    id: 1, fromState: null, toState: 'approved', toStateZh: '已授信', actor: 'bank',
    organisation: '工商银行焦作分行', username: 'u', at: '', note: '',
  }

  it('shows an approval and a disbursement in 万元 and %', () => {
    expect(
      eventFacts({ command: 'approve', detail: { amountFen: 90_000_000, rateBp: 385, termMonths: 12, validUntil: '2026-12-31' } }),
    ).toEqual([
      { label: '授信金额', value: '90 万元' },
      { label: '年利率', value: '3.85%' },
      { label: '期限', value: '12 个月' },
      { label: '授信有效期至', value: '2026-12-31' },
    ])
    expect(
      eventFacts({ command: 'disburse', detail: { amountFen: 40_000_000, onDate: '2026-11-28', disbursedFen: 90_000_000, approvedFen: 90_000_000 } }),
    ).toEqual([
      { label: '本次放款', value: '40 万元' },
      { label: '放款日期', value: '2026-11-28' },
      { label: '累计放款', value: '90 万元 / 授信 90 万元' },
    ])
  })

  it('lists reject reasons with remedy and department, and only for a rejection', () => {
    const reasons = [{ code: 'R01', zh: '纳税信用等级不足', remedy: '申请纳税信用修复', department: '税务局', fixable: true }]
    expect(reasonsOf({ command: 'reject', detail: { reasons } })).toEqual(reasons)
    expect(reasonsOf({ command: 'accept', detail: { reasons } })).toEqual([])
  })

  it('colours refusals red and decisions green, and finds the latest request for materials', () => {
    expect(eventType('reject')).toBe('danger')
    expect(eventType('disburse')).toBe('success')
    expect(eventType('request_materials')).toBe('warning')
    const ask = (id: number, note: string): TimelineEvent => ({ ...base, id, command: 'request_materials', commandZh: '要求补充材料', detail: {}, note })
    expect(materialsRequest([ask(1, '审计报告'), { ...base, id: 2, command: 'submit_materials', commandZh: '补充材料', detail: {} }, ask(3, '客户合同')])?.note).toBe('客户合同')
    expect(materialsRequest([])).toBeNull()
  })
})
