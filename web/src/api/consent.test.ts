import { describe, expect, it } from 'vitest'
import { dictEntries } from '@/utils/dict'
import { ApiError, fieldErrorsOf, setCsrfToken } from './http'
import { covers, grantConsent, listBanks, listConsentReads, listConsents, revokeConsent } from './consent'
import { calledRoutes, consentFixture, consentReadFixture, json, stubApi, invalid } from '@/test/fixtures'

const CONSENT = consentFixture()

const bodyOf = (fetchMock: ReturnType<typeof stubApi>, i = 0) =>
  JSON.parse(String((fetchMock.mock.calls[i] as unknown as [string, RequestInit])[1].body))

describe('finance API calls', () => {
  it('reads the public list of banks', async () => {
    const fetchMock = stubApi({
      'GET /api/v1/banks': { items: [{ id: 15, name: '工商银行焦作分行', shortName: '工行' }] },
    })
    expect(await listBanks()).toEqual([{ id: 15, name: '工商银行焦作分行', shortName: '工行' }])
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/banks'])
  })

  it('lists consents with the scopes an enterprise may grant', async () => {
    stubApi({
      'GET /api/v1/consents': { items: [CONSENT], scopes: [{ code: 'credit', zh: '信用画像' }, { code: 'tax', zh: '纳税' }] },
    })
    const res = await listConsents()
    expect(res.items).toEqual([CONSENT])
    expect(res.scopes.map((s) => s.code)).toEqual(['credit', 'tax'])
  })

  it('tolerates an answer without scopes (a caller with nothing to list)', async () => {
    stubApi({ 'GET /api/v1/consents': { items: [] } })
    expect(await listConsents()).toEqual({ items: [], scopes: [] })
  })

  it('grants with a POST carrying the CSRF header, and leaves an empty purpose out', async () => {
    setCsrfToken('tok-consent')
    const fetchMock = stubApi({ 'POST /api/v1/consents': () => json(CONSENT, 201) })
    expect(await grantConsent({ bankId: 15, scopes: ['credit'], days: 30, purpose: '  ' })).toEqual(CONSENT)
    const [input, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(input).toBe('/api/v1/consents')
    expect(init.method).toBe('POST')
    expect(init.headers).toMatchObject({ 'X-CSRF-Token': 'tok-consent', 'Content-Type': 'application/json' })
    expect(bodyOf(fetchMock)).toEqual({ bankId: 15, scopes: ['credit'], days: 30 })

    await grantConsent({ bankId: 15, scopes: ['credit', 'tax'], purpose: ' 申请税易贷 ' })
    expect(bodyOf(fetchMock, 1)).toEqual({ bankId: 15, scopes: ['credit', 'tax'], purpose: '申请税易贷' })
  })

  it('reports a 422 with its field errors (scopes[0] also under scopes)', async () => {
    stubApi({
      'POST /api/v1/consents': () =>
        invalid([
          { field: 'scopes[0]', message: '未知的授权范围“nope”。' },
          { field: 'days', message: '授权期限应为 1 到 365 天。' },
        ]),
    })
    const err = await grantConsent({ bankId: 15, scopes: ['nope'], days: 0 }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(fieldErrorsOf(err)).toMatchObject({ scopes: '未知的授权范围“nope”。', days: '授权期限应为 1 到 365 天。' })
  })

  it('revokes with a DELETE and answers with the revoked consent', async () => {
    setCsrfToken('tok-revoke')
    const revoked = { ...CONSENT, status: 'revoked', revokedAt: '2026-11-29T09:00:00+08:00' }
    const fetchMock = stubApi({ 'DELETE /api/v1/consents/1': revoked })
    expect((await revokeConsent(1)).status).toBe('revoked')
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.method).toBe('DELETE')
    expect(init.headers).toMatchObject({ 'X-CSRF-Token': 'tok-revoke' })
  })

  it('reports a 409 consent_not_live as the server words it', async () => {
    stubApi({
      'DELETE /api/v1/consents/1': () =>
        json({ title: '状态冲突', status: 409, code: 'consent_not_live', detail: '这项授权已撤回或已过期，无需撤回。' }, 409),
    })
    const err = (await revokeConsent(1).catch((e) => e)) as ApiError
    expect(err.status).toBe(409)
    expect(err.problem.code).toBe('consent_not_live')
    expect(err.problem.detail).toMatch(/已撤回或已过期/)
  })

  it('lists who read the enterprise’s data', async () => {
    const read = consentReadFixture()
    const fetchMock = stubApi({ 'GET /api/v1/consents/reads': { items: [read] } })
    expect(await listConsentReads()).toEqual([read])
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/consents/reads'])
  })
})

describe('consent rules', () => {
  it('labels the three statuses in Chinese', () => {
    expect(dictEntries('consent_status').map((s) => s.label)).toEqual(['有效', '已过期', '已撤回'])
  })

  it('covers a scope only while live', () => {
    expect(covers(CONSENT, 'credit')).toBe(true)
    expect(covers(CONSENT, 'tax')).toBe(false)
    expect(covers({ ...CONSENT, status: 'revoked' }, 'credit')).toBe(false)
    expect(covers({ ...CONSENT, status: 'expired' }, 'credit')).toBe(false)
  })
})
