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
})
