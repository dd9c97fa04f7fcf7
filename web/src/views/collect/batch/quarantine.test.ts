import { describe, expect, it } from 'vitest'
import { problemLines } from './quarantine'

describe('problemLines', () => {
  it('gives one line per problem, the first line of each row spanning the rest', () => {
    const lines = problemLines([
      {
        rowNumber: 3,
        cells: { 统一社会信用代码: '9141X', 税额: 'abc' },
        problems: [
          { column: '统一社会信用代码', value: '9141X', reason: '校验码错误' },
          { column: '税额', value: 'abc', reason: '不是金额' },
        ],
      },
      { rowNumber: 7, cells: { 税额: null }, problems: [{ column: null, value: null, reason: '整行为空' }] },
      { rowNumber: 9, cells: {}, problems: [] },
    ])
    expect(lines.map((l) => [l.rowNumber, l.column, l.value, l.reason, l.span])).toEqual([
      [3, '统一社会信用代码', '9141X', '校验码错误', 2],
      [3, '税额', 'abc', '不是金额', 0],
      [7, '', '', '整行为空', 1],
      [9, '', '', '', 1],
    ])
    expect(lines[0].cells).toEqual([
      ['统一社会信用代码', '9141X'],
      ['税额', 'abc'],
    ])
    expect(lines[2].cells).toEqual([['税额', '']])
  })

  it('shows the Chinese text of a {zh, en} reason, as the server sends it', () => {
    const lines = problemLines([
      {
        rowNumber: 4,
        cells: { 纳税人识别号: '91410800MA454807XF' },
        problems: [
          {
            column: '纳税人识别号',
            value: '91410800MA454807XF',
            reason: { zh: '第18位校验码错误：应为“E”，实际为“F”', en: "check character at position 18 is wrong" },
          },
          { column: '所属期', value: '2026-13', reason: { en: 'there is no month 13' } },
          { column: null, value: null, reason: null },
        ],
      },
    ])
    expect(lines.map((l) => l.reason)).toEqual([
      '第18位校验码错误：应为“E”，实际为“F”',
      'there is no month 13',
      '',
    ])
  })

  it('orders the original cells as in the file when the header is known', () => {
    const [line] = problemLines(
      [
        {
          rowNumber: 2,
          cells: { 实缴税额: '1.00', 所属期: '2026-13', 纳税人识别号: '91410800171971661U', 备注: 'x' },
          problems: [{ column: '所属期', value: '2026-13', reason: { zh: '月份 13 不存在' } }],
        },
      ],
      ['纳税人识别号', '所属期', '实缴税额'],
    )
    expect(line.cells.map(([k]) => k)).toEqual(['纳税人识别号', '所属期', '实缴税额', '备注'])
  })
})
