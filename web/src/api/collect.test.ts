import { afterEach, describe, expect, it, vi } from 'vitest'
import { setCsrfToken } from './http'
import { createdMessage, formatOfFileName, getTimeliness, submitBatchFile } from './collect'
import { batchFixture, json, stubApi } from '@/test/fixtures'

const BATCH = batchFixture()

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('formatOfFileName', () => {
  it('derives the format from the extension', () => {
    expect(formatOfFileName('a.CSV')).toBe('csv')
    expect(formatOfFileName('a.txt')).toBe('csv')
    expect(formatOfFileName('报表.xlsx')).toBe('xlsx')
    expect(formatOfFileName('x.jsonl')).toBe('jsonl')
    expect(formatOfFileName('x.ndjson')).toBe('jsonl')
    expect(formatOfFileName('x.xls')).toBeUndefined()
    expect(formatOfFileName('csv')).toBeUndefined()
  })
})

// The import job the server answers 202 with, in a given state.
const jobOf = (result: unknown, status = 'succeeded', done = 120) => ({
  id: 'job-1', kind: 'collect.import', status, done, total: 120, unit: '行',
  percent: status === 'succeeded' ? 100 : Math.floor((done * 100) / 120), cancelRequested: false,
  result: status === 'succeeded' ? result : null,
  problem: status === 'failed' ? { title: '内容校验未通过', status: 422, detail: '表头缺少必填列' } : null,
  createdAt: '2026-11-27T10:00:00.000+08:00', startedAt: null, finishedAt: null,
})

describe('submitBatchFile', () => {
  it('POSTs the file itself with the parameters in an encoded query string and the CSRF header', async () => {
    setCsrfToken('tok-upload')
    const fetchMock = stubApi({ 'POST /api/v1/collect/batches': () => json(jobOf({ batch: BATCH }), 202) })
    const file = new File(['纳税人识别号,税额\n'], BATCH.fileName, { type: 'text/csv' })

    const outcome = await submitBatchFile(file, {
      category: 'tax',
      fileName: file.name,
      format: 'csv',
      encoding: 'gb18030',
      provider: 4,
      resubmitOf: 41,
    })

    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [input, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const url = new URL(input, 'http://localhost')
    expect(url.pathname).toBe('/api/v1/collect/batches')
    // Spaces, & and CJK are encoded: the file name cannot break the query string.
    expect(input).not.toContain(' ')
    expect(input).not.toContain('纳税')
    expect(input).toContain('fileName=2026%E5%B9%B4')
    expect(input).toContain('%26')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      category: 'tax',
      fileName: '2026年3月 纳税&申报.csv',
      format: 'csv',
      encoding: 'gb18030',
      provider: '4',
      resubmitOf: '41',
    })
    expect(init.method).toBe('POST')
    expect(init.body).toBe(file)
    expect(init.credentials).toBe('same-origin')
    expect(init.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'X-CSRF-Token': 'tok-upload',
      Prefer: 'respond-async',
    })

    expect(outcome).toEqual({ kind: 'created', batch: BATCH, message: '已入库 115 行，隔离 5 行' })
  })

  it('leaves out parameters that are not given', async () => {
    const fetchMock = stubApi({ 'POST /api/v1/collect/batches': () => json(jobOf({ batch: BATCH }), 202) })
    await submitBatchFile(new Blob(['x']), { category: 'tax', fileName: 'a.csv', encoding: 'auto' })
    const [input] = fetchMock.mock.calls[0] as unknown as [string]
    expect(input).toBe('/api/v1/collect/batches?category=tax&fileName=a.csv&encoding=auto')
  })

  it('tells a duplicate (200) apart from a new batch', async () => {
    stubApi({ 'POST /api/v1/collect/batches': () => json(jobOf({ batch: { ...BATCH, id: 17 }, duplicate: true }), 202) })
    const outcome = await submitBatchFile(new Blob(['x']), { category: 'tax', fileName: 'a.csv' })
    expect(outcome.kind).toBe('duplicate')
    expect(outcome.kind === 'duplicate' && outcome.message).toBe('该文件已提交过（批次 #17），未重复入库')
  })

  it('turns a refused file (422) into its problem, field errors included', async () => {
    const problem = {
      title: '文件无法读取',
      status: 422,
      detail: '缺少必填列：纳税人识别号',
      errors: [{ field: '纳税人识别号', message: '必填列缺失' }],
    }
    stubApi({ 'POST /api/v1/collect/batches': () => json(problem, 422) })
    const outcome = await submitBatchFile(new Blob(['x']), { category: 'tax', fileName: 'a.csv' })
    expect(outcome).toEqual({ kind: 'refused', problem })
  })

  it('follows the import job to its end, reporting its progress on the way', async () => {
    const states = [jobOf(null, 'running', 60), jobOf({ batch: BATCH })]
    const fetchMock = stubApi({
      'POST /api/v1/collect/batches': () => json(jobOf(null, 'queued', 0), 202),
      'GET /api/v1/jobs/job-1': () => json(states.shift()),
    })
    const seen: string[] = []
    const outcome = await submitBatchFile(new Blob(['x']), { category: 'tax', fileName: 'a.csv' }, (j) =>
      seen.push(`${j.status} ${j.percent}`),
    )
    expect(seen).toEqual(['queued 0', 'running 50', 'succeeded 100'])
    expect(fetchMock).toHaveBeenCalledTimes(3)
    expect(outcome).toEqual({ kind: 'created', batch: BATCH, message: '已入库 115 行，隔离 5 行' })
  })

  it('turns a failed or cancelled import into its problem', async () => {
    stubApi({ 'POST /api/v1/collect/batches': () => json(jobOf(null, 'failed'), 202) })
    const outcome = await submitBatchFile(new Blob(['x']), { category: 'tax', fileName: 'a.csv' })
    expect(outcome).toEqual({ kind: 'refused', problem: { title: '内容校验未通过', status: 422, detail: '表头缺少必填列' } })
  })

  it('mentions rows identical to known data', () => {
    expect(createdMessage({ rowsAccepted: 0, rowsQuarantined: 0, rowsUnchanged: 12 })).toBe(
      '已入库 0 行，隔离 0 行，12 行与已有数据相同',
    )
  })
})

describe('getTimeliness', () => {
  it('accepts {items} or a bare array and sends asOf', async () => {
    const entry = { providerId: 4, providerName: '税务局', category: 'tax', categoryName: '纳税信息' }
    let fetchMock = stubApi({ 'GET /api/v1/collect/timeliness': { items: [entry] } })
    expect(await getTimeliness('2026-04-30')).toEqual([entry])
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/collect/timeliness?asOf=2026-04-30')
    fetchMock = stubApi({ 'GET /api/v1/collect/timeliness': () => json([entry]) })
    expect(await getTimeliness()).toEqual([entry])
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/collect/timeliness')
  })
})
