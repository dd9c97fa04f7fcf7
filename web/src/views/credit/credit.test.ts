import { describe, expect, it } from 'vitest'
import { featureChanged, featureView, gaugeBands, gradeColor, gradeTagType, scoreRange, splitReasons } from './credit'
import { ARTIFACT, GRADES, SCORE } from './fixtures'

describe('grade colours and the gauge', () => {
  it('colours grades from green (best) to red (worst) by rank, A–E by letter without a scorecard', () => {
    expect(GRADES.map((g) => gradeColor(g.grade, GRADES))).toEqual(['#67c23a', '#95d475', '#e6a23c', '#f3894a', '#f56c6c'])
    expect(gradeColor('B')).toBe('#95d475')
    expect(gradeColor('X')).toBe('#909399')
    // Three grades spread over the palette: best, middle, worst.
    const three = [
      { grade: 'H', zh: '高', minScore: 700 },
      { grade: 'M', zh: '中', minScore: 500 },
      { grade: 'L', zh: '低', minScore: 0 },
    ]
    expect(three.map((g) => gradeColor(g.grade, three))).toEqual(['#67c23a', '#e6a23c', '#f56c6c'])
    expect(gradeTagType('A', GRADES)).toBe('success')
    expect(gradeTagType('C', GRADES)).toBe('warning')
    expect(gradeTagType('E', GRADES)).toBe('danger')
  })

  it('splits the gauge into one band per grade between minScore and maxScore', () => {
    // 260..860: E up to 480, D to 560, C to 640, B to 720, A to the end.
    expect(gaugeBands(GRADES, 260, 860)).toEqual([
      [0.3667, '#f56c6c'],
      [0.5, '#f3894a'],
      [0.6333, '#e6a23c'],
      [0.7667, '#95d475'],
      [1, '#67c23a'],
    ])
  })

  it('leaves out grades the range cannot reach and falls back to one band', () => {
    expect(gaugeBands(GRADES, 500, 700)).toEqual([
      [0.3, '#f3894a'],
      [0.7, '#e6a23c'],
      [1, '#95d475'],
    ])
    expect(gaugeBands([], 0, 100)).toEqual([[1, '#409eff']])
    expect(gaugeBands(GRADES, 100, 100)).toEqual([[1, '#409eff']])
  })
})

describe('reasons and features', () => {
  it('shows the first four reasons prominently and keeps the rest', () => {
    const { top, rest } = splitReasons(SCORE.reasons)
    expect(top.map((r) => r.code)).toEqual(['TAX-01', 'SI-01', 'HF-01', 'PEN-01'])
    expect(rest.map((r) => r.code)).toEqual(['IP-00'])
    expect(splitReasons(null)).toEqual({ top: [], rest: [] })
  })

  it('names a feature and measures each bin against the best one', () => {
    const view = featureView(ARTIFACT.features[0])
    expect(view.zh).toBe('近12个月纳税额')
    expect([view.minPoints, view.maxPoints]).toEqual([5, 40])
    expect(view.bins.map((b) => b.lost)).toEqual([30, 35, 0])
    expect(scoreRange(300, ARTIFACT.features)).toEqual({ min: 305, max: 360 })
  })

  it('tells changed features apart in a comparison', () => {
    const side = { minPoints: 0, maxPoints: 10, bins: [{ label: '否', points: 10 }, { label: '是', points: 0 }] }
    expect(featureChanged({ code: 'x', zh: 'x', left: side, right: { ...side } })).toBe(false)
    expect(
      featureChanged({ code: 'x', zh: 'x', left: side, right: { ...side, bins: [{ label: '否', points: 12 }, { label: '是', points: 0 }] } }),
    ).toBe(true)
    expect(featureChanged({ code: 'x', zh: 'x', left: null, right: side })).toBe(true)
  })
})
