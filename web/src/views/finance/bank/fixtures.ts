// Test fixtures of the bank's 融资对接 pages, shaped as the server answers (see docs/finance-api.md).
import type { ApplicationDetail } from '@/api/application'
import type { Demand } from '@/api/demand'
import type { Catalogue, Product } from '@/api/product'

export function productFixture(patch: Partial<Product> = {}): Product {
  return {
    id: 1,
    bank: { id: 3, name: '工商银行焦作分行' },
    name: '税易贷',
    kind: 'tax',
    kindZh: '税易贷',
    description: '按纳税额授信',
    minAmountFen: 10_000_000,
    maxAmountFen: 300_000_000,
    minTermMonths: 3,
    maxTermMonths: 12,
    rateKind: 'lpr',
    minRateBp: 45,
    maxRateBp: 150,
    repayment: ['interest_first'],
    repaymentZh: [{ code: 'interest_first', zh: '先息后本' }],
    guarantees: ['credit'],
    guaranteesZh: [{ code: 'credit', zh: '信用' }],
    materials: ['营业执照'],
    approvalWorkdays: 5,
    rules: {
      regions: ['4108'],
      industries: ['C'],
      sizeClasses: ['small', 'micro'],
      minYears: 2,
      minTaxGrade: 'M',
      minTaxPaid12mFen: 5_000_000,
      minInsured: 5,
      minCreditGrade: 'C',
      noDishonest: true,
      noSeriousIllegal: false,
    },
    status: 'draft',
    statusZh: '草稿',
    effectiveRate: { minBp: 345, maxBp: 450, lprBp: 300 },
    createdAt: '2026-11-28T05:15:49+08:00',
    updatedAt: '2026-11-28T05:15:49+08:00',
    publishedAt: null,
    ...patch,
  }
}


export const CATALOGUE: Catalogue = {
  productKinds: [
    { code: 'credit', zh: '信用贷' },
    { code: 'tax', zh: '税易贷' },
  ],
  repaymentMethods: [{ code: 'interest_first', zh: '先息后本' }],
  guarantees: [
    { code: 'credit', zh: '信用' },
    { code: 'mortgage', zh: '抵押' },
  ],
  urgencies: [{ code: 'urgent', zh: '较急' }],
  states: [],
  commands: [],
  reasons: [
    { code: 'R01', zh: '纳税信用等级不足', remedy: '按期申报、足额缴纳后申请纳税信用修复', department: '税务局', fixable: true },
    { code: 'R11', zh: '所属行业或用途不符合信贷政策', remedy: '调整资金用途', department: '银行信贷政策（不可由企业修复）', fixable: false },
  ],
  creditGrades: ['A', 'B', 'C', 'D', 'E'],
  limits: { claimOrRespond: 2, firstContact: 3, decision: 10 },
  lpr1yBp: 300,
}

export function demandFixture(patch: Partial<Demand> = {}): Demand {
  return {
    id: 4,
    enterprise: { id: 7, name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U', regionCode: '410871', park: '中原工业设计城' },
    amountFen: 200_000_000,
    termMonths: 12,
    purpose: '采购原材料',
    urgency: 'urgent',
    urgencyZh: '较急',
    guarantees: [{ code: 'credit', zh: '信用' }],
    preferredBankIds: [3],
    contactName: '',
    contactPhone: '',
    mode: 'pool',
    modeZh: '发布到需求池',
    product: null,
    status: 'open',
    statusZh: '待接单',
    claimedBy: null,
    claimedAt: null,
    publishedAt: '2026-11-28T05:15:54+08:00',
    matchedProducts: [{ id: 1, name: '税易贷' }],
    clock: { step: 'claim_or_respond', stepZh: '接单/响应', deadline: '2026-12-01', overdue: false },
    ...patch,
  }
}

export function applicationFixture(patch: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 5,
    demandId: 4,
    enterprise: { id: 7, name: '焦作市天宝桓祥科技有限公司', uscc: '91410800171971661U' },
    bank: { id: 3, name: '工商银行焦作分行' },
    product: { id: 1, name: '税易贷' },
    source: 'claim',
    sourceZh: '银行接单',
    state: 'reviewing',
    stateZh: '审批中',
    purpose: '采购原材料',
    requestedFen: 50_000_000,
    requestedTermMonths: 12,
    approvedFen: 0,
    disbursedFen: 0,
    rateBp: null,
    termMonths: null,
    offerValidUntil: null,
    decisionWorkdays: 5,
    createdAt: '2026-11-28T05:15:59+08:00',
    updatedAt: '2026-11-28T05:16:06+08:00',
    clock: { step: 'decision', stepZh: '审批决定', deadline: '2026-12-04', overdue: false },
    timeline: [
      {
        id: 1, command: 'claim', commandZh: '银行接单', fromState: null, toState: 'submitted', toStateZh: '已提交', actor: 'bank',
        organisation: '工商银行焦作分行', username: 'demo-bank-officer', at: '2026-11-28T05:15:59+08:00', note: '', detail: { demandId: 4 },
      },
      {
        id: 2, command: 'accept', commandZh: '受理', fromState: 'submitted', toState: 'accepted', toStateZh: '已受理', actor: 'bank',
        organisation: '工商银行焦作分行', username: 'demo-bank-officer', at: '2026-11-28T05:16:03+08:00', note: '已电话联系企业', detail: {},
      },
    ],
    allowedCommands: [
      { code: 'approve', zh: '授信' },
      { code: 'reject', zh: '拒绝' },
    ],
    consent: { credit: false, profile: false },
    ...patch,
  }
}
