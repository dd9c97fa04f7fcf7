import type { QuarantineRow } from '@/api/collect'

/** One line of the 隔离数据 table: one problem of one refused row. */
export interface ProblemLine {
  rowNumber: number
  column: string
  value: string
  reason: string
  /** How many lines the row's 行号 cell spans (on its first line), 0 on the others. */
  span: number
  /** The original row as "列名：值" pairs, for the first line's 原始数据 cell. */
  cells: [string, string][]
}

/**
 * Flattens refused rows into one line per problem, keeping each row's lines
 * together so the 行号 cell can span them. A row without listed problems still
 * gets a line (so it is not silently dropped).
 */
export function problemLines(rows: readonly QuarantineRow[]): ProblemLine[] {
  const lines: ProblemLine[] = []
  for (const row of rows) {
    const cells = Object.entries(row.cells ?? {}).map(([k, v]): [string, string] => [k, v ?? ''])
    const problems = row.problems?.length ? row.problems : [{ column: null, value: null, reason: '' }]
    problems.forEach((p, i) =>
      lines.push({
        rowNumber: row.rowNumber,
        column: p.column ?? '',
        value: p.value ?? '',
        reason: p.reason ?? '',
        span: i === 0 ? problems.length : 0,
        cells,
      }),
    )
  }
  return lines
}
