/**
 * The one money formatter. Money is stored in fen (分) as integers and shown in 万元:
 * `formatWan(125000000, true)` → "125.00" (fixed two decimals, for registry figures),
 * `formatWan(12500000)` → "12.5" (up to two decimals, no trailing zeros, for financing amounts).
 * Missing amounts show as "-". The digits are assembled from integer parts rather than via
 * `toFixed`, which rounds binary fractions inconsistently (1.005 → "1.00"); halves round away
 * from zero.
 */
export function formatWan(fen: number | null | undefined, fixed = false): string {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '-'
  const negative = fen < 0
  // 1 万元 = 1,000,000 分; round half away from zero to 0.01 万元 (= 10,000 分).
  const hundredthsOfWan = Math.round(Math.abs(fen) / 10_000)
  const whole = Math.floor(hundredthsOfWan / 100)
  let cents = String(hundredthsOfWan % 100).padStart(2, '0')
  if (!fixed) cents = cents.replace(/0+$/, '')
  const text = cents ? `${whole}.${cents}` : String(whole)
  return negative && hundredthsOfWan !== 0 ? `-${text}` : text
}

/** 1234567 → "1,234,567". Non-integers are rounded; non-finite values show as "-". */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return '-'
  const rounded = Math.round(value)
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return rounded < 0 ? `-${digits}` : digits
}

/**
 * "2026-05-01T09:30:00+08:00" → "2026-05-01 09:30:00". The server sends
 * Asia/Shanghai wall-clock times, so the digits are kept as sent instead of
 * being converted to the browser's time zone. Empty values show as "-".
 */
export function formatDateTime(value: string | null | undefined, withSeconds = true): string {
  if (!value) return '-'
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(value)
  if (m) return withSeconds ? `${m[1]} ${m[2]}${m[3] ?? ':00'}` : `${m[1]} ${m[2]}`
  return value
}

/** 13812345678 → 138****5678; values that are already masked (or not 11 digits) stay as they are. */
export function maskMobile(mobile: string | null | undefined): string {
  if (!mobile) return '-'
  return /^\d{11}$/.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile
}

/** A short "browser / system" summary of a User-Agent header for the sessions table. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '-'
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[0].replace('Edg/', 'Edge ') ??
    /(?:Chrome|Chromium)\/(\d+)/.exec(ua)?.[0].replace('/', ' ') ??
    /Firefox\/(\d+)/.exec(ua)?.[0].replace('/', ' ') ??
    (/Version\/(\d+).*Safari/.exec(ua) ? `Safari ${/Version\/(\d+)/.exec(ua)![1]}` : null)
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null
  if (!browser && !system) return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua
  return [browser, system].filter(Boolean).join(' / ')
}
