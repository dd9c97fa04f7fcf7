// 我的企业档案 and 我的信用画像: an enterprise user's own enterprise is the one search result in its
// scope; the page shows that enterprise's profile, or says it is not registered.
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useUserStore } from '@/stores/user'
import { calledRoutes, meFor, stubApi } from '@/test/fixtures'
import RegistryMine from './registry/enterprise/mine/index.vue'
import CreditMine from './credit/mine/index.vue'

/** The profile pages have their own tests; here only which enterprise they are given. */
const stubProfile = (name: string) =>
  defineComponent({ name, props: { id: Number }, setup: (props) => () => h('div', { 'data-testid': 'profile-of' }, String(props.id)) })

const ONE = { items: [{ id: 11, name: '焦作市天宝桓祥科技有限公司' }], total: 1, page: 1, pageSize: 1 }
const NONE = { items: [], total: 0, page: 1, pageSize: 1 }

async function mountMine(component: unknown, profile: string, answer: object) {
  setActivePinia(createPinia())
  useUserStore().set(meFor('enterprise-staff'))
  const fetchMock = stubApi({ 'GET /api/v1/enterprises': answer })
  const wrapper = mount(component as never, {
    global: { stubs: { [profile]: stubProfile(profile) } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, fetchMock }
}

describe.each([
  ['我的企业档案', RegistryMine, 'EnterpriseProfile', 'enterprise-mine', '平台中尚未登记贵企业的信息，请联系平台运营方'],
  ['我的信用画像', CreditMine, 'CreditProfile', 'credit-mine', '平台中尚未登记贵企业的信息，暂无信用画像'],
])('%s', (_title, page, profile, testId, empty) => {
  it('finds the own enterprise with one search and shows its page', async () => {
    const { wrapper, fetchMock } = await mountMine(page, profile, ONE)
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/enterprises'])
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/enterprises?page=1&pageSize=1')
    expect(wrapper.find('[data-testid="profile-of"]').text()).toBe('11')
  })

  it('says so when the enterprise is not registered', async () => {
    const { wrapper } = await mountMine(page, profile, NONE)
    expect(wrapper.find('[data-testid="profile-of"]').exists()).toBe(false)
    expect(wrapper.find(`[data-testid="${testId}"]`).text()).toContain(empty)
  })
})
