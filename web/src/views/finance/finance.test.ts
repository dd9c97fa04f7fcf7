import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { setCsrfToken } from '@/api/http'
import { useUserStore } from '@/stores/user'
import { mountPage, stubMessages } from '@/test/mount'
import { calledRoutes, json, meFor, stubApi, consentFixture, consentReadFixture, invalid } from '@/test/fixtures'

import ConsentsPage from './consents/index.vue'
import AuthorizedPage from './authorized/index.vue'
import GrantDialog from './GrantDialog.vue'

const { confirm } = stubMessages()

const SCOPES = [
  { code: 'credit', zh: '信用画像' },
  { code: 'profile', zh: '企业基本信息' },
  { code: 'tax', zh: '纳税' },
]

const consent = consentFixture

const LIVE = consent()
const REVOKED = consent({
  id: 2,
  bank: { id: 17, name: '中国银行焦作分行' },
  scopes: [
    { code: 'credit', zh: '信用画像' },
    { code: 'tax', zh: '纳税' },
  ],
  revokedAt: '2026-11-20T09:00:00+08:00',
  status: 'revoked',
})
const EXPIRED = consent({
  id: 3,
  enterprise: { id: 8, name: '焦作市老厂', uscc: '91410800MA44ABCE2Y' },
  status: 'expired',
})
const TAX_ONLY = consent({
  id: 4,
  enterprise: { id: 9, name: '焦作市纳税企业', uscc: '91410800MA44ABCF3Z' },
  scopes: [{ code: 'tax', zh: '纳税' }],
})

const mountAs = (role: string, component: unknown, api: Parameters<typeof stubApi>[0]) =>
  mountPage(component, { role, csrf: 'csrf-finance', api, path: '/finance' })

const rowsOf = (wrapper: ReturnType<typeof mount>, testId: string) =>
  wrapper.find(`[data-testid="${testId}"]`).findAll('.el-table__body tr')

describe('数据授权 (enterprise)', () => {
  it('lists the consents with scopes as tags, times and a Chinese status; only a live one can be revoked', async () => {
    const { wrapper } = await mountAs('enterprise-staff', ConsentsPage, {
      'GET /api/v1/consents': { items: [LIVE, REVOKED], scopes: SCOPES },
    })
    const rows = rowsOf(wrapper, 'consent-table')
    expect(rows).toHaveLength(2)
    for (const text of [
      '工商银行焦作分行',
      '信用画像',
      '2026-11-28 10:00',
      '2026-12-28 10:00',
      '有效',
      'demo-enterprise-staff',
    ]) expect(rows[0].text()).toContain(text)
    expect(rows[1].findAll('.el-tag').map((t) => t.text())).toEqual(['信用画像', '纳税', '已撤回'])
    expect(rows[0].find('[data-testid="consent-revoke"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="consent-revoke"]').exists()).toBe(false)
  })

  it('revokes after a confirmation naming the bank, then refreshes', async () => {
    let revoked = false
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', ConsentsPage, {
      'GET /api/v1/consents': () => json({ items: [revoked ? { ...LIVE, status: 'revoked' } : LIVE], scopes: SCOPES }),
      'DELETE /api/v1/consents/1': () => {
        revoked = true
        return json({ ...LIVE, status: 'revoked' })
      },
    })
    confirm.mockResolvedValueOnce('confirm')
    await rowsOf(wrapper, 'consent-table')[0].find('[data-testid="consent-revoke"]').trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[0][0])).toContain('工商银行焦作分行')
    expect(String(confirm.mock.calls[0][0])).toContain('信用画像')
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/consents', 'DELETE /api/v1/consents/1', 'GET /api/v1/consents'])
    expect(rowsOf(wrapper, 'consent-table')[0].text()).toContain('已撤回')
  })

  it('does nothing when the revocation is cancelled', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', ConsentsPage, {
      'GET /api/v1/consents': { items: [LIVE], scopes: SCOPES },
    })
    confirm.mockRejectedValueOnce('cancel')
    await rowsOf(wrapper, 'consent-table')[0].find('[data-testid="consent-revoke"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/consents'])
  })

  it('reads 谁查看了我的数据 when its tab is opened', async () => {
    const { wrapper, fetchMock } = await mountAs('enterprise-staff', ConsentsPage, {
      'GET /api/v1/consents': { items: [LIVE], scopes: SCOPES },
      'GET /api/v1/consents/reads': { items: [consentReadFixture()] },
    })
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/consents'])
    await wrapper.findAll('.el-tabs__item')[1].trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/consents', 'GET /api/v1/consents/reads'])
    const text = rowsOf(wrapper, 'consent-reads')[0].text()
    for (const part of ['2026-11-28 10:05:00', '工商银行焦作分行', 'demo-bank-officer', '查看信用画像', '91410800171971661U 信用画像'])
      expect(text).toContain(part)
  })
})

describe('新增授权 dialog', () => {
  async function mountDialog(routes: Parameters<typeof stubApi>[0]) {
    const pinia = createPinia()
    setActivePinia(pinia)
    useUserStore().set(meFor('enterprise-staff'))
    setCsrfToken('csrf-grant')
    const fetchMock = stubApi({
      'GET /api/v1/banks': { items: [{ id: 15, name: '工商银行焦作分行', shortName: '工行' }] },
      ...routes,
    })
    const wrapper = mount(GrantDialog, {
      props: { modelValue: false, scopes: SCOPES, 'onUpdate:modelValue': (v: boolean) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [pinia] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    return { wrapper, fetchMock }
  }

  const dialog = () => document.querySelector<HTMLElement>('[data-testid="consent-dialog"]')!
  const checked = () =>
    [...dialog().querySelectorAll<HTMLInputElement>('[data-testid="consent-form-scopes"] input[type="checkbox"]')]
      .filter((i) => i.checked)
      .map((i) => i.value)

  it('loads the banks, offers the scopes with 信用画像 preselected and 30 days by default', async () => {
    const { fetchMock } = await mountDialog({})
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/banks'])
    expect(dialog().querySelector('[data-testid="consent-form-scopes"]')!.textContent).toContain('企业基本信息')
    expect(checked()).toEqual(['credit'])
    expect(dialog().querySelector<HTMLInputElement>('[data-testid="consent-form-days"] input')!.value).toBe('30')
  })

  it('posts the grant and shows the server’s 422 field errors at their fields', async () => {
    let calls = 0
    const { wrapper, fetchMock } = await mountDialog({
      'POST /api/v1/consents': () =>
        ++calls === 1
          ? invalid([{ field: 'bankId', message: '没有这家银行。' }])
          : json(consent(), 201),
    })
    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', 15)
    await flushPromises()
    ;(dialog().querySelector('[data-testid="consent-form-submit"]') as HTMLElement).click()
    await flushPromises()
    const [, init] = fetchMock.mock.calls[1] as unknown as [string, RequestInit]
    expect(JSON.parse(String(init.body))).toEqual({ bankId: 15, scopes: ['credit'], days: 30 })
    expect(init.headers).toMatchObject({ 'X-CSRF-Token': 'csrf-grant' })
    await vi.waitFor(() => expect(dialog().querySelector('.el-form-item__error')?.textContent).toContain('没有这家银行。'))

    ;(dialog().querySelector('[data-testid="consent-form-submit"]') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.emitted('granted')).toHaveLength(1)
    expect(wrapper.props('modelValue')).toBe(false)
  })

  it('shows a refusal without field errors above the form', async () => {
    const { wrapper } = await mountDialog({
      'POST /api/v1/consents': () =>
        json({ title: '仅限企业用户', status: 403, code: 'enterprise_only', detail: '只有企业用户可以作出数据授权。' }, 403),
    })
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 15)
    await flushPromises()
    ;(dialog().querySelector('[data-testid="consent-form-submit"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() =>
      expect(dialog().querySelector('[data-testid="consent-dialog-problem"]')!.textContent).toContain('只有企业用户可以作出数据授权。'),
    )
    expect(wrapper.emitted('granted')).toBeUndefined()
  })
})

describe('授权企业 (bank)', () => {
  it('lists the consents the bank holds; only a live one covering 信用画像 links to the profile', async () => {
    const { wrapper } = await mountAs('bank-officer', AuthorizedPage, {
      'GET /api/v1/consents': { items: [LIVE, EXPIRED, TAX_ONLY], scopes: SCOPES },
    })
    const rows = rowsOf(wrapper, 'authorized-table')
    expect(rows).toHaveLength(3)
    for (const text of ['焦作市天宝桓祥科技有限公司', '91410800171971661U', '有效']) expect(rows[0].text()).toContain(text)
    expect(rows[1].text()).toContain('已过期')
    const link = rows[0].find('[data-testid="authorized-credit"]')
    expect(link.attributes('href')).toBe('/credit/enterprises/7')
    expect(rows[1].find('[data-testid="authorized-credit"]').exists()).toBe(false)
    expect(rows[2].find('[data-testid="authorized-credit"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('共 3 项，其中有效 2 项')
  })

  it('filters by name or credit code and by status', async () => {
    const { wrapper } = await mountAs('bank-officer', AuthorizedPage, {
      'GET /api/v1/consents': { items: [LIVE, EXPIRED, TAX_ONLY], scopes: SCOPES },
    })
    await wrapper.find('input[data-testid="authorized-search-q"]').setValue('ABCE2Y')
    expect(rowsOf(wrapper, 'authorized-table').map((r) => r.find('[data-testid="authorized-name"]').text())).toEqual([
      '焦作市老厂',
    ])
    await wrapper.find('input[data-testid="authorized-search-q"]').setValue('')
    wrapper.findAllComponents({ name: 'ElSelect' })[0].vm.$emit('update:modelValue', 'live')
    await flushPromises()
    expect(rowsOf(wrapper, 'authorized-table')).toHaveLength(2)
  })
})
