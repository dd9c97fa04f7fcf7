// Test data for the 信用画像 pages, shaped as docs/credit-api.md describes the payloads.
import type { ActiveScorecard, CreditScore, ScorecardArtifact, ScorecardItem } from '@/api/credit'

export const GRADES = [
  { grade: 'A', zh: '优', minScore: 720 },
  { grade: 'B', zh: '良', minScore: 640 },
  { grade: 'C', zh: '中', minScore: 560 },
  { grade: 'D', zh: '关注', minScore: 480 },
  { grade: 'E', zh: '风险', minScore: 0 },
]

export const ARTIFACT: ScorecardArtifact = {
  format: 'jinfu.scorecard/1',
  version: 'expert-2026.11',
  title: '默认专家评分卡',
  method: 'expert',
  createdAt: '2026-11-27T10:00:00+08:00',
  description: '按专家经验设定的评分卡',
  scaling: { baseScore: 600, baseOdds: 20, pdo: 40, basePoints: 300 },
  grades: GRADES,
  features: [
    {
      code: 'tax_paid_12m',
      bins: [
        {
          missing: true,
          label: '未归集',
          points: 10,
          reason: { code: 'TAX-00', zh: '未归集到近两年的纳税记录', remedy: '按期申报纳税', department: '税务局' },
        },
        { upper: 5, label: '5 万元以下', points: 5, reason: { code: 'TAX-01', zh: '纳税额偏低', remedy: '依法足额纳税', department: '税务局' } },
        { lower: 5, label: '5 万元及以上', points: 40 },
      ],
    },
    {
      code: 'dishonest',
      bins: [
        { missing: true, label: '未归集', points: 20 },
        { upper: 1, label: '否', points: 20 },
        { lower: 1, label: '是', points: 0, reason: { code: 'JUD-02', zh: '被列为失信被执行人', remedy: '履行生效裁判', department: '中级人民法院' } },
      ],
    },
  ],
  checksum: 'sha256:' + '1f'.repeat(32),
}

export const ACTIVE: ActiveScorecard = {
  id: 1,
  version: 'expert-2026.11',
  method: 'expert',
  status: 'active',
  checksum: ARTIFACT.checksum,
  createdAt: '2026-11-27T10:00:00+08:00',
  activatedAt: '2026-11-27T10:05:00+08:00',
  minScore: 305,
  maxScore: 360,
  artifact: ARTIFACT,
}

const REASONS = [
  ['TAX-01', 'tax_paid_12m', '近12个月纳税额', '纳税额偏低', '依法足额纳税，按期申报', '税务局', 35],
  ['SI-01', 'si_arrears_months', '近12个月社保欠费月数', '存在社保欠费', '补缴欠费并按月足额缴纳', '人力资源和社会保障局', 30],
  ['HF-01', 'hf_arrears_months', '近12个月公积金欠缴月数', '存在公积金欠缴', '补缴公积金', '住房公积金管理中心', 20],
  ['PEN-01', 'penalty_minor_36m', '近36个月轻微处罚次数', '有轻微行政处罚', '整改并申请信用修复', '市场监督管理局', 10],
  ['IP-00', 'patents', '专利数', '暂无专利', '加强研发与知识产权保护', '知识产权局', 5],
] as const

export const SCORE: CreditScore = {
  scoreId: 17,
  enterpriseId: 11,
  uscc: '91410800MA44ABCD1X',
  name: '焦作市天宝桓祥科技有限公司',
  asOf: '2026-11-27T18:30:00+08:00',
  score: 684,
  grade: 'B',
  gradeZh: '良',
  minScore: 260,
  maxScore: 860,
  basePoints: 300,
  scorecard: { id: 1, version: 'expert-2026.11', checksum: ARTIFACT.checksum },
  inputsHash: 'sha256:' + 'cd'.repeat(32),
  features: [
    { code: 'tax_paid_12m', zh: '近12个月纳税额', unit: '万元', source: 'tax', sourceZh: '纳税信息', value: 3.2, display: '3.2 万元', bin: '5 万元以下', points: 5, maxPoints: 40 },
    { code: 'patents', zh: '专利数', unit: '件', source: 'ip', sourceZh: '知识产权', value: null, display: '未归集', bin: '未归集', points: 10, maxPoints: 15 },
  ],
  reasons: REASONS.map(([code, feature, featureZh, zh, remedy, department, pointsLost]) => ({
    code, feature, featureZh, zh, remedy, department, pointsLost,
  })),
}

export const HISTORY = {
  items: [
    { scoreId: 17, asOf: '2026-11-27T18:30:00+08:00', score: 684, grade: 'B', gradeZh: '良', scorecardVersion: 'expert-2026.11', runId: null, inputsHash: SCORE.inputsHash },
    { scoreId: 9, asOf: '2026-10-31T00:00:00+08:00', score: 650, grade: 'B', gradeZh: '良', scorecardVersion: 'expert-2026.11', runId: 2, inputsHash: 'sha256:' + 'ee'.repeat(32) },
  ],
}

export function scorecardItem(patch: Partial<ScorecardItem> = {}): ScorecardItem {
  return {
    id: 1,
    version: 'expert-2026.11',
    title: '默认专家评分卡',
    method: 'expert',
    status: 'active',
    checksum: ARTIFACT.checksum,
    createdAt: '2026-11-27T10:00:00+08:00',
    createdBy: 'jinfu',
    activatedAt: '2026-11-27T10:05:00+08:00',
    activatedBy: 'jinfu',
    metrics: null,
    ...patch,
  }
}
