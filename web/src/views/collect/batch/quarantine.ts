import type { QuarantineProblem, QuarantineRow } from '@/api/collect'

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

/** A problem's reason as Chinese text (English when no Chinese is given). */
export function reasonText(reason: QuarantineProblem['reason'] | undefined): string {
  if (!reason) return ''
  if (typeof reason === 'string') return reason
  return reason.zh || reason.en || ''
}

/**
 * A row's cells as "列名：值" pairs: in the file's column order when the header is
 * known (the server's JSON object has its own key order), any other cell after.
 */
function orderedCells(cells: QuarantineRow['cells'] | undefined, header?: readonly string[] | null): [string, string][] {
  const entries = Object.entries(cells ?? {})
  if (!header?.length) return entries.map(([k, v]) => [k, v ?? ''])
  const position = new Map(header.map((h, i) => [h, i]))
  const rank = (key: string) => position.get(key) ?? header.length
  return entries
    .map(([k, v], i): [string, string, number] => [k, v ?? '', i])
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[2] - b[2])
    .map(([k, v]) => [k, v])
}

/**
 * Flattens refused rows into one line per problem, keeping each row's lines
 * together so the 行号 cell can span them. A row without listed problems still
 * gets a line (so it is not silently dropped). `header` (the batch's) orders the
 * original cells as in the file.
 */
export function problemLines(rows: readonly QuarantineRow[], header?: readonly string[] | null): ProblemLine[] {
  const lines: ProblemLine[] = []
  for (const row of rows) {
    const cells = orderedCells(row.cells, header)
    const problems = row.problems?.length ? row.problems : [{ column: null, value: null, reason: '' }]
    problems.forEach((p, i) =>
      lines.push({
        rowNumber: row.rowNumber,
        column: p.column ?? '',
        value: p.value ?? '',
        reason: reasonText(p.reason),
        span: i === 0 ? problems.length : 0,
        cells,
      }),
    )
  }
  return lines
}
