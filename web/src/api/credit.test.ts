import { afterEach, describe, expect, it } from 'vitest'
import { setCsrfToken } from './http'
import {
  activateScorecard,
  compareScorecards,
  driftOf,
  featureName,
  formatMetric,
  formatShare,
  getActiveScorecard,
  getCreditScore,
  getDistribution,
  getScoreHistory,
  getScorecard,
  listRuns,
  listScorecards,
  parseArtifactText,
  registerScorecardText,
  trainScorecard,
  shortChecksum,
  verifyScore,
} from './credit'
import { calledRoutes, json, stubApi } from '@/test/fixtures'

afterEach(() => {
  setCsrfToken(null)
})

const ITEM = {
  id: 2,
  version: 'woe-2026.12',
  title: 'WoE 评分卡',
  method: 'woe_logistic',
  status: 'candidate',
  checksum: 'sha256:' + 'ab'.repeat(32),
  createdAt: '2026-12-01T10:00:00+08:00',
  createdBy: 'demo-platform-admin',
  activatedAt: null,
  activatedBy: null,
  metrics: { auc: 0.78, ks: 0.41, psi: 0.02, sample: 12000, badRate: 0.05 },
}

describe('credit API calls', () => {
  it('reads scores, history and the public scorecard by enterprise id', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/credit/enterprises/7/score': { scoreId: 1, score: 684 },
      'GET /api/v1/credit/enterprises/7/scores': { items: [{ scoreId: 1 }] },
      'GET /api/v1/credit/scorecard': { id: 1, version: 'expert-2026.11' },
      'GET /api/v1/credit/scores/1/verify': { reproduced: true },
    })
    expect((await getCreditScore(7)).score).toBe(684)
    expect(await getScoreHistory(7)).toEqual([{ scoreId: 1 }])
    expect((await getActiveScorecard()).version).toBe('expert-2026.11')
    expect((await verifyScore(1)).reproduced).toBe(true)
    expect(calledRoutes(fetchMock)).toEqual([
      'GET /api/v1/credit/enterprises/7/score',
      'GET /api/v1/credit/enterprises/7/scores',
      'GET /api/v1/credit/scorecard',
      'GET /api/v1/credit/scores/1/verify',
    ])
  })

  it('lists and compares scorecard versions', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/credit/scorecards': { items: [ITEM] },
      'GET /api/v1/credit/scorecards/2': { ...ITEM, artifact: { version: ITEM.version } },
      'GET /api/v1/credit/scorecards/1/compare': { left: {}, right: {}, features: [], population: null },
    })
    expect(await listScorecards()).toEqual([ITEM])
    expect((await getScorecard(2)).artifact.version).toBe('woe-2026.12')
    await compareScorecards(1, 2)
    expect(String(fetchMock.mock.calls[2][0])).toBe('/api/v1/credit/scorecards/1/compare?with=2')
  })

  it('activates with a POST carrying the CSRF header', async () => {
    setCsrfToken('tok-credit')
    const fetchMock = stubApi({ 'POST /api/v1/credit/scorecards/2/activate': { ...ITEM, status: 'active' } })
    expect((await activateScorecard(2)).status).toBe('active')
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.method).toBe('POST')
    expect(init.headers).toMatchObject({ 'X-CSRF-Token': 'tok-credit' })
  })

  it('lists runs and sends run/base only when chosen', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/credit/runs': { items: [{ id: 2 }, { id: 1 }] },
      'GET /api/v1/credit/distribution': { run: { id: 2 }, base: { id: 1 }, grades: [], histogram: [], psi: 0.01, drift: 'stable' },
    })
    expect((await listRuns()).map((r) => r.id)).toEqual([2, 1])
    await getDistribution()
    await getDistribution({ run: 2, base: 1 })
    expect(String(fetchMock.mock.calls[1][0])).toBe('/api/v1/credit/distribution')
    expect(String(fetchMock.mock.calls[2][0])).toBe('/api/v1/credit/distribution?run=2&base=1')
  })
})

describe('registerScorecardText', () => {
  it('POSTs the file’s own text as the JSON body (numbers as spelt) and answers with the new candidate', async () => {
    setCsrfToken('tok-import')
    const fetchMock = stubApi({ 'POST /api/v1/credit/scorecards': () => json(ITEM, 201) })
    // 20.0 would read back as 20: the checksum covers the file's spelling, so the text is not re-serialised.
    const text = '{\n  "format": "jinfu.scorecard/1",\n  "scaling": {"baseOdds": 20.0},\n  "checksum": "sha256:00"\n}\n'
    const outcome = await registerScorecardText('\uFEFF' + text)
    expect(outcome).toEqual({ kind: 'created', item: ITEM })
    const [input, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(input).toBe('/api/v1/credit/scorecards')
    expect(init.method).toBe('POST')
    expect(await (init.body as Blob).text()).toBe(text)
    expect(init.credentials).toBe('same-origin')
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-CSRF-Token': 'tok-import' })
  })

  it('refuses a file that is not a JSON object without calling the server', async () => {
    const fetchMock = stubApi({})
    const bad = await registerScorecardText('{not json')
    expect(bad.kind).toBe('refused')
    expect(bad.kind === 'refused' && bad.problem.title).toBe('文件不是有效的 JSON')
    const list = await registerScorecardText('[1, 2]')
    expect(list.kind === 'refused' && list.problem.title).toMatch(/JSON 对象/)
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('shows a checksum mismatch (422) with both checksums as the server words it', async () => {
    const problem = {
      title: '评分卡校验和不符',
      status: 422,
      code: 'scorecard_checksum_mismatch',
      detail: '文件声明 sha256:aaa，实际内容为 sha256:bbb',
    }
    stubApi({ 'POST /api/v1/credit/scorecards': () => json(problem, 422) })
    const outcome = await registerScorecardText('{"version":"x"}')
    expect(outcome).toEqual({ kind: 'refused', problem })
  })

  it('lists the places of an invalid scorecard and a duplicate version', async () => {
    stubApi({
      'POST /api/v1/credit/scorecards': () =>
        json(
          {
            title: '评分卡无效',
            status: 422,
            code: 'scorecard_invalid',
            errors: [{ field: 'features[0].bins[1]', message: '区间不相接' }],
          },
          422,
        ),
    })
    const invalid = await registerScorecardText('{}')
    expect(invalid.kind === 'refused' && invalid.problem.errors).toEqual([
      { field: 'features[0].bins[1]', message: '区间不相接' },
    ])
    stubApi({
      'POST /api/v1/credit/scorecards': () =>
        json({ title: '该版本已存在', status: 409, code: 'scorecard_version_exists' }, 409),
    })
    const dup = await registerScorecardText('{}')
    expect(dup.kind === 'refused' && dup.problem.code).toBe('scorecard_version_exists')
  })
})

describe('trainScorecard', () => {
  it('POSTs the outcomes file as text/csv with the version and title in the query', async () => {
    setCsrfToken('tok-train')
    const result = { scorecard: ITEM, samples: 683, skipped: [], development: {}, validation: {}, baseline: null, psi: 0.1 }
    const fetchMock = stubApi({ 'POST /api/v1/credit/scorecards/train': () => json(result, 201) })
    const csv = '统一社会信用代码,观察日期,结果\n91410800171971661U,2026-03-31,逾期\n'
    expect(await trainScorecard(new Blob([csv]), 'woe-1', '试训练')).toEqual(result)
    const [input, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(input).toBe('/api/v1/credit/scorecards/train?version=woe-1&title=%E8%AF%95%E8%AE%AD%E7%BB%83')
    expect(init.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 'tok-train' })
    expect(await (init.body as Blob).text()).toBe(csv)
  })
})

describe('formatting', () => {
  it('maps PSI to its drift at 0.10 and 0.25', () => {
    expect(driftOf(0.0999)).toBe('stable')
    expect(driftOf(0.1)).toBe('moderate')
    expect(driftOf(0.2499)).toBe('moderate')
    expect(driftOf(0.25)).toBe('significant')
    expect(driftOf(null)).toBeNull()
  })

  it('shortens checksums and formats shares and metrics', () => {
    expect(shortChecksum('sha256:0123456789abcdef0123')).toBe('0123456789ab…')
    expect(shortChecksum(null)).toBe('-')
    expect(formatShare(0.1234)).toBe('12.3%')
    expect(formatShare(null)).toBe('-')
    expect(formatMetric(0.78123)).toBe('0.781')
    expect(formatMetric(undefined)).toBe('-')
  })

  it('names features by the contract when the payload does not', () => {
    expect(featureName('tax_paid_12m')).toBe('近12个月纳税额')
    expect(featureName('tax_paid_12m', '自定义')).toBe('自定义')
    expect(featureName('unknown_feature')).toBe('unknown_feature')
  })

  it('parses a BOM-prefixed file', () => {
    expect(parseArtifactText('\uFEFF{"a":1}')).toEqual({ ok: true, artifact: { a: 1 } })
  })
})
