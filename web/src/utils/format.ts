/**
 * Money is stored in fen (分) as integers; the UI shows 万元 with two decimals,
 * e.g. 125000000 → "125.00". The digits are assembled from integer parts rather
 * than via `toFixed`, which rounds binary fractions inconsistently (1.005 → "1.00").
 */
export function fenToWanYuan(fen: number): string {
  if (!Number.isFinite(fen)) return '-'
  const negative = fen < 0
  // 1 万元 = 1,000,000 分; round half away from zero to 0.01 万元 (= 10,000 分).
  const hundredthsOfWan = Math.round(Math.abs(fen) / 10_000)
  const whole = Math.floor(hundredthsOfWan / 100)
  const cents = String(hundredthsOfWan % 100).padStart(2, '0')
  const text = `${whole}.${cents}`
  return negative && hundredthsOfWan !== 0 ? `-${text}` : text
}

/** 1234567 → "1,234,567". Non-integers are rounded; non-finite values show as "-". */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return '-'
  const rounded = Math.round(value)
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return rounded < 0 ? `-${digits}` : digits
}
