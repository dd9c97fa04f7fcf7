/**
 * Pure logic of the bank's 融资对接 pages (产品管理, 商机, 申请处理, 办理申请): the product form and
 * its request body (万元 ↔ fen, % ↔ bp), the fields each bank command asks for, and the
 * dictionaries used for tags. Kept free of components so it can be unit-tested directly.
 */
import { ApiError, fieldErrorsOf } from '@/api/http'
import { type BankCommand } from '@/api/application'
import { fenOfWan, pct, type EligibilityRules, type Product, type ProductSpec } from '@/api/product'
import { formatWan } from '@/utils/format'

// --- dictionaries ---------------------------------------------------------------------

/** 纳税信用等级, best first. */
export const TAX_GRADES = ['A', 'B', 'M', 'C', 'D'] as const


// --- dates ------------------------------------------------------------------------------

/** Today in Asia/Shanghai (the server's calendar), YYYY-MM-DD. */

// --- product form -----------------------------------------------------------------------

/** What the 新增/修改产品 dialog edits: amounts in 万元, rates in % (fixed) or bp (LPR spread). */
export interface ProductForm {
  name: string
  kind: string
  description: string
  minAmountWan: number | undefined
  maxAmountWan: number | undefined
  minTermMonths: number | undefined
  maxTermMonths: number | undefined
  rateKind: 'fixed' | 'lpr'
  /** fixed: 年利率 %; lpr: spread in bp. */
  minRate: number | undefined
  maxRate: number | undefined
  repayment: string[]
  guarantees: string[]
  materials: string[]
  approvalWorkdays: number | undefined
  regions: string[]
  industries: string[]
  sizeClasses: string[]
  minYears: number | undefined
  minTaxGrade: string
  minTaxPaid12mWan: number | undefined
  minInsured: number | undefined
  minCreditGrade: string
  noDishonest: boolean
  noSeriousIllegal: boolean
}

export function emptyProductForm(): ProductForm {
  return {
    name: '',
    kind: '',
    description: '',
    minAmountWan: undefined,
    maxAmountWan: undefined,
    minTermMonths: undefined,
    maxTermMonths: undefined,
    rateKind: 'fixed',
    minRate: undefined,
    maxRate: undefined,
    repayment: [],
    guarantees: [],
    materials: [],
    approvalWorkdays: 5,
    regions: [],
    industries: [],
    sizeClasses: [],
    minYears: undefined,
    minTaxGrade: '',
    minTaxPaid12mWan: undefined,
    minInsured: undefined,
    minCreditGrade: '',
    noDishonest: true,
    noSeriousIllegal: true,
  }
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v)
const wanNumber = (fen: number | null | undefined) => (fen === null || fen === undefined ? undefined : Number(formatWan(fen)))

/** A product as the dialog shows it. */
export function productToForm(p: Product): ProductForm {
  const r: Partial<EligibilityRules> = p.rules ?? {}
  return {
    name: p.name,
    kind: p.kind,
    description: p.description ?? '',
    minAmountWan: wanNumber(p.minAmountFen),
    maxAmountWan: wanNumber(p.maxAmountFen),
    minTermMonths: p.minTermMonths,
    maxTermMonths: p.maxTermMonths,
    rateKind: p.rateKind,
    minRate: p.rateKind === 'fixed' ? p.minRateBp / 100 : p.minRateBp,
    maxRate: p.rateKind === 'fixed' ? p.maxRateBp / 100 : p.maxRateBp,
    repayment: [...(p.repayment ?? [])],
    guarantees: [...(p.guarantees ?? [])],
    materials: [...(p.materials ?? [])],
    approvalWorkdays: p.approvalWorkdays,
    regions: [...(r.regions ?? [])],
    industries: [...(r.industries ?? [])],
    sizeClasses: [...(r.sizeClasses ?? [])],
    minYears: num(r.minYears),
    minTaxGrade: r.minTaxGrade ?? '',
    minTaxPaid12mWan: wanNumber(r.minTaxPaid12mFen),
    minInsured: num(r.minInsured),
    minCreditGrade: r.minCreditGrade ?? '',
    noDishonest: r.noDishonest ?? true,
    noSeriousIllegal: r.noSeriousIllegal ?? true,
  }
}

/** % as typed → basis points (3.85 → 385), exactly for up to two decimals. */
export function bpOfPct(value: number): number {
  return Math.round(value * 100)
}

const fenOf = (v: number | undefined): number => (v === undefined ? NaN : (fenOfWan(v) ?? NaN))
const trimmed = (list: string[]) => list.map((s) => s.trim()).filter(Boolean)

/** The request body for POST/PUT /finance/products. Empty eligibility rules go as null / []. */
export function formToSpec(f: ProductForm): ProductSpec {
  const rate = (v: number | undefined) => (v === undefined ? NaN : f.rateKind === 'fixed' ? bpOfPct(v) : Math.round(v))
  return {
    name: f.name.trim(),
    kind: f.kind,
    description: f.description.trim(),
    minAmountFen: fenOf(f.minAmountWan),
    maxAmountFen: fenOf(f.maxAmountWan),
    minTermMonths: f.minTermMonths ?? NaN,
    maxTermMonths: f.maxTermMonths ?? NaN,
    rateKind: f.rateKind,
    minRateBp: rate(f.minRate),
    maxRateBp: rate(f.maxRate),
    repayment: [...f.repayment],
    guarantees: [...f.guarantees],
    materials: trimmed(f.materials),
    approvalWorkdays: f.approvalWorkdays ?? NaN,
    rules: {
      regions: trimmed(f.regions),
      industries: trimmed(f.industries).map((s) => s.toUpperCase()),
      sizeClasses: [...f.sizeClasses],
      minYears: f.minYears ?? null,
      minTaxGrade: f.minTaxGrade || null,
      minTaxPaid12mFen: f.minTaxPaid12mWan === undefined ? null : fenOf(f.minTaxPaid12mWan),
      minInsured: f.minInsured ?? null,
      minCreditGrade: f.minCreditGrade || null,
      noDishonest: f.noDishonest,
      noSeriousIllegal: f.noSeriousIllegal,
    },
  }
}

/** The annual rate range a form gives today: "3.45% ～ 4.50%" (LPR + spread), or "" when incomplete. */
export function effectiveRateText(f: Pick<ProductForm, 'rateKind' | 'minRate' | 'maxRate'>, lprBp: number | null): string {
  if (f.minRate === undefined || f.maxRate === undefined) return ''
  if (f.rateKind === 'fixed') return `${pct(bpOfPct(f.minRate))} ～ ${pct(bpOfPct(f.maxRate))}`
  if (lprBp === null) return ''
  return `${pct(lprBp + Math.round(f.minRate))} ～ ${pct(lprBp + Math.round(f.maxRate))}`
}

/** A product's rate as listed: "年利率 3.50% ～ 4.80%" or "LPR + 45 ～ 150 bp（现 3.45% ～ 4.50%）". */
export function productRateText(p: Product): string {
  const eff = `${pct(p.effectiveRate.minBp)} ～ ${pct(p.effectiveRate.maxBp)}`
  if (p.rateKind === 'fixed') return `年利率 ${eff}`
  return `LPR + ${p.minRateBp} ～ ${p.maxRateBp} bp（现 ${eff}）`
}

/** A range shown compactly: "10 ～ 300 万元", "3 ～ 12 个月". */
export function rangeText(min: string | number, max: string | number, unit: string): string {
  return String(min) === String(max) ? `${min} ${unit}` : `${min} ～ ${max} ${unit}`
}

/**
 * The 422 field errors of a save, keyed both as the server named them (`rules.regions[0]`) and
 * without a trailing index (`rules.regions`), which is what the form items are bound to.
 */
export function formFieldErrors(err: unknown): Record<string, string> {
  const out = fieldErrorsOf(err)
  for (const [key, message] of Object.entries({ ...out })) {
    const base = key.replace(/\[\d+\]$/, '')
    out[base] ??= message
  }
  return out
}

/** Whether an error is the server's 409 with this code. */
export function isConflict(err: unknown, code: string): boolean {
  return err instanceof ApiError && err.status === 409 && err.problem.code === code
}

// --- bank commands ---------------------------------------------------------------------

export type BankCommandCode = BankCommand['command']
export type CommandField = 'note' | 'amount' | 'rate' | 'termMonths' | 'validUntil' | 'reasonCodes' | 'contractNo' | 'onDate'

/** Exactly the fields each command's dialog asks for. */
export const COMMAND_FIELDS: Record<BankCommandCode, readonly CommandField[]> = {
  accept: ['note'],
  request_materials: ['note'],
  start_review: [],
  approve: ['amount', 'rate', 'termMonths', 'validUntil'],
  reject: ['reasonCodes', 'note'],
  sign_contract: ['contractNo'],
  disburse: ['amount', 'onDate'],
  settle: ['onDate'],
  report_overdue: ['onDate'],
}

/** Commands whose note must be filled in. */
export const NOTE_REQUIRED: ReadonlySet<BankCommandCode> = new Set(['request_materials', 'reject'])

/** How each command's note is labelled and explained. */
export const NOTE_LABELS: Partial<Record<BankCommandCode, { label: string; placeholder: string }>> = {
  accept: { label: '受理说明', placeholder: '可选，如：已电话联系企业负责人，约定上门时间（受理即视为首次联系）' },
  request_materials: { label: '所需材料', placeholder: '请写明需要企业补充哪些材料，如：近 12 个月纳税证明、2025 年财务报表' },
  reject: { label: '拒绝说明', placeholder: '请向企业说明拒绝的具体情况' },
}

export const COMMAND_HINTS: Partial<Record<BankCommandCode, string>> = {
  accept: '受理即视为首次联系企业，首次联系时限随之结束，进入审批决定时限。',
  start_review: '进入审批后，须在审批决定时限内作出授信或拒绝的决定。',
  approve: '授信后企业将收到通知；授信有效期内可签约。',
  reject: '所选原因及其修复建议、对应部门将告知企业，便于企业整改后重新申请。',
  disburse: '可分次放款，累计放款金额不得超过授信金额。',
  settle: '贷款已全部结清。',
  report_overdue: '企业未按期还款，报告逾期后计入贷款结果。',
}

export interface CommandForm {
  note: string
  amountWan: number | undefined
  ratePct: number | undefined
  termMonths: number | undefined
  validUntil: string
  reasonCodes: string[]
  contractNo: string
  onDate: string
}

/** What a command's dialog starts with: the requested amount and term, today's date. */
export function initialCommandForm(
  command: BankCommandCode,
  app: { requestedFen: number; requestedTermMonths: number; approvedFen: number; disbursedFen: number },
  today: string,
): CommandForm {
  const amount =
    command === 'approve' ? app.requestedFen : command === 'disburse' ? Math.max(app.approvedFen - app.disbursedFen, 0) : null
  return {
    note: '',
    amountWan: amount ? Number(formatWan(amount)) : undefined,
    ratePct: undefined,
    termMonths: command === 'approve' ? app.requestedTermMonths : undefined,
    validUntil: '',
    reasonCodes: [],
    contractNo: '',
    onDate: today,
  }
}

/**
 * Client-side checks of a command form (the server checks again): `{field: message}` with the
 * form's field names; empty when the form may be sent.
 */
export function checkCommand(
  command: BankCommandCode,
  f: CommandForm,
  ctx: { remainingFen: number; today: string },
): Partial<Record<CommandField, string>> {
  const errors: Partial<Record<CommandField, string>> = {}
  const fields = COMMAND_FIELDS[command]
  if (fields.includes('note') && NOTE_REQUIRED.has(command) && !f.note.trim()) {
    errors.note = command === 'reject' ? '请填写拒绝说明' : '请写明需要补充的材料'
  }
  if (fields.includes('amount')) {
    const fen = f.amountWan === undefined ? null : fenOfWan(f.amountWan)
    if (!fen) errors.amount = command === 'approve' ? '请填写大于 0 的授信金额' : '请填写大于 0 的放款金额'
    else if (command === 'disburse' && fen > ctx.remainingFen) errors.amount = `放款金额不能超过未放款的授信余额 ${formatWan(ctx.remainingFen)} 万元`
  }
  if (fields.includes('rate') && (f.ratePct === undefined || f.ratePct < 0 || f.ratePct > 36)) errors.rate = '年利率应在 0 到 36% 之间'
  if (fields.includes('termMonths') && (!f.termMonths || f.termMonths < 1 || f.termMonths > 360)) errors.termMonths = '期限应为 1 到 360 个月'
  if (fields.includes('validUntil')) {
    if (!f.validUntil) errors.validUntil = '请选择授信有效期'
    else if (f.validUntil < ctx.today) errors.validUntil = '授信有效期不能早于今天'
  }
  if (fields.includes('reasonCodes') && !f.reasonCodes.length) errors.reasonCodes = '请至少选择一项拒绝原因'
  if (fields.includes('contractNo') && !f.contractNo.trim()) errors.contractNo = '请填写合同编号'
  if (fields.includes('onDate')) {
    if (!f.onDate) errors.onDate = '请选择日期'
    else if (f.onDate > ctx.today) errors.onDate = '日期不能晚于今天'
  }
  return errors
}

/** The request body of a command: only the fields that command takes. */
export function buildCommand(command: BankCommandCode, f: CommandForm): BankCommand {
  const body: BankCommand = { command }
  for (const field of COMMAND_FIELDS[command]) {
    switch (field) {
      case 'note':
        if (f.note.trim()) body.note = f.note.trim()
        break
      case 'amount':
        body.amountFen = f.amountWan === undefined ? undefined : (fenOfWan(f.amountWan) ?? undefined)
        break
      case 'rate':
        body.rateBp = f.ratePct === undefined ? undefined : bpOfPct(f.ratePct)
        break
      case 'termMonths':
        body.termMonths = f.termMonths
        break
      case 'validUntil':
        body.validUntil = f.validUntil
        break
      case 'reasonCodes':
        body.reasonCodes = [...f.reasonCodes]
        break
      case 'contractNo':
        body.contractNo = f.contractNo.trim()
        break
      case 'onDate':
        body.onDate = f.onDate
        break
    }
  }
  return body
}

/** Server field names (422 `errors[].field`) → the command form's fields. */
export const SERVER_FIELD: Record<string, CommandField> = {
  note: 'note',
  amountFen: 'amount',
  rateBp: 'rate',
  termMonths: 'termMonths',
  validUntil: 'validUntil',
  reasonCodes: 'reasonCodes',
  contractNo: 'contractNo',
  onDate: 'onDate',
}
