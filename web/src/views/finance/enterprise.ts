/**
 * Pure helpers of the enterprise's 融资对接 pages (产品超市, 发布需求, 我的需求, 我的申请, 申请详情)
 * and the 站内信: rate and range texts, eligibility rules in Chinese, the
 * compare basket, and the Chinese reading of timeline events. Shapes: api/product.ts, api/demand.ts, api/application.ts.
 */
import { dictEntry } from '@/utils/dict'
import { sizeClassLabel } from '@/utils/registry-dict'
import { type ApplicationState } from '@/api/application'
import { fenOfWan, pct, type EligibilityRules, type Product } from '@/api/product'
import { formatWan } from '@/utils/format'

// --- dictionaries ------------------------------------------------------------------------

/** States in which the application is still running (a decision or the money can still come). */
export const ACTIVE_STATES: readonly ApplicationState[] = ['submitted', 'accepted', 'materials_requested', 'reviewing']

// --- products -------------------------------------------------------------------------------

/** "10 万元–300 万元" (or one amount when both ends are equal). */
export function amountRange(minFen: number, maxFen: number): string {
  return minFen === maxFen ? `${formatWan(minFen)} 万元` : `${formatWan(minFen)}–${formatWan(maxFen)} 万元`
}

/** "3–12 个月". */
export function termRange(min: number, max: number): string {
  return min === max ? `${min} 个月` : `${min}–${max} 个月`
}

/** The annual rate in force today: "3.45%–4.50%". */
export function rateRange(product: Pick<Product, 'effectiveRate'>): string {
  const { minBp, maxBp } = product.effectiveRate
  return minBp === maxBp ? pct(minBp) : `${pct(minBp)}–${pct(maxBp)}`
}

/** For an LPR product, how the rate is made: "LPR 3.00% + 0.45%–1.50%"; a fixed rate: "". */
export function lprNote(product: Pick<Product, 'rateKind' | 'minRateBp' | 'maxRateBp' | 'effectiveRate'>): string {
  if (product.rateKind !== 'lpr') return ''
  const spread = product.minRateBp === product.maxRateBp ? pct(product.minRateBp) : `${pct(product.minRateBp)}–${pct(product.maxRateBp)}`
  const lpr = product.effectiveRate.lprBp
  return `LPR${lpr === null ? '' : ` ${pct(lpr)}`} + ${spread}`
}

const TAX_GRADE_ORDER = 'A B M C D'

/** The eligibility rules of a product as Chinese lines (empty rules are left out). */
export function rulesZh(rules: Partial<EligibilityRules>): string[] {
  const out: string[] = []
  if (rules.regions?.length) out.push(`注册地区：${rules.regions.map((r) => `${r}*`).join('、')}（行政区划代码）`)
  if (rules.industries?.length)
    out.push(
      `所属行业：${rules.industries.map((c) => {
        const name = c.length === 1 ? dictEntry('industry_section', c)?.label : ''
        return name ? `${c} ${name}` : c
      }).join('、')}`,
    )
  if (rules.sizeClasses?.length) out.push(`企业规模：${rules.sizeClasses.map((s) => sizeClassLabel(s)).join('、')}`)
  if (rules.minYears !== null && rules.minYears !== undefined) out.push(`成立年限不少于 ${rules.minYears} 年`)
  if (rules.minTaxGrade) out.push(`纳税信用等级不低于 ${rules.minTaxGrade} 级（${TAX_GRADE_ORDER}，由高到低）`)
  if (rules.minTaxPaid12mFen !== null && rules.minTaxPaid12mFen !== undefined)
    out.push(`近 12 个月纳税额不少于 ${formatWan(rules.minTaxPaid12mFen)} 万元`)
  if (rules.minInsured !== null && rules.minInsured !== undefined) out.push(`参保人数不少于 ${rules.minInsured} 人`)
  if (rules.minCreditGrade) out.push(`平台信用等级不低于 ${rules.minCreditGrade} 级`)
  if (rules.noDishonest) out.push('不得为失信被执行人')
  if (rules.noSeriousIllegal) out.push('不得列入严重违法失信名单')
  return out
}

// --- the compare basket ------------------------------------------------------------------

/** The server compares 2 to 4 products (GET /finance/products/compare). */
export const COMPARE_MAX = 4
export const COMPARE_MIN = 2

export interface Picked {
  id: number
  name: string
}

/**
 * Adds a product to the basket or takes it out. A fifth is refused with the message to show,
 * and the basket stays as it was.
 */
export function togglePick(basket: readonly Picked[], product: Picked): { basket: Picked[]; error: string | null } {
  if (basket.some((p) => p.id === product.id)) return { basket: basket.filter((p) => p.id !== product.id), error: null }
  if (basket.length >= COMPARE_MAX)
    return {
      basket: [...basket],
      error: `最多同时对比 ${COMPARE_MAX} 个产品，请先移除已选的「${basket.map((p) => p.name).join('」「')}」中的一个`,
    }
  return { basket: [...basket, { id: product.id, name: product.name }], error: null }
}

// --- demands and the publish form ------------------------------------------------------------

export interface PublishForm {
  amountWan: string
  termMonths: number | null
  purpose: string
  urgency: 'normal' | 'urgent' | 'very_urgent'
  guarantees: string[]
  preferredBankIds: number[]
  contactName: string
  contactPhone: string
}

/** Checks the amount as typed: '' when fine, else the message for the form item. */
export function amountProblem(text: string): string {
  if (!String(text).trim()) return '请输入融资金额'
  const fen = fenOfWan(text)
  if (fen === null) return '请输入数字（万元），最多 6 位小数'
  if (fen < 100_000) return '融资金额不少于 0.1 万元'
  return ''
}

/** The body of POST /finance/demands (and of POST /finance/match, its need part). */
export function demandBody(form: PublishForm, productId?: number | null) {
  const body = {
    amountFen: fenOfWan(form.amountWan) ?? 0,
    termMonths: form.termMonths ?? 0,
    purpose: form.purpose.trim(),
    urgency: form.urgency,
    guarantees: form.guarantees.filter((g) => g !== 'credit'),
    preferredBankIds: [...form.preferredBankIds],
    contactName: form.contactName.trim(),
    contactPhone: form.contactPhone.trim(),
  }
  return productId ? { ...body, productId } : body
}

/** The form item a server field error belongs to (`amountFen` is typed as 万元 in `amountWan`). */
export function formFieldOf(field: string): string {
  return field === 'amountFen' ? 'amountWan' : field
}

// --- clocks and the timeline -----------------------------------------------------------------

