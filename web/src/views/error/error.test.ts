// 403 and 404: say in Chinese what happened, and 返回首页 goes to /.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import Forbidden from './403.vue'
import NotFound from './404.vue'

describe.each([
  ['403', Forbidden, '抱歉，您无权访问此页面', 'forbidden-home'],
  ['404', NotFound, '抱歉，您访问的页面不存在', 'back-home'],
])('%s', (code, page, headline, button) => {
  it('explains itself and goes back to the home page', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    await router.push('/somewhere/else')
    const w = mount(page, { global: { plugins: [router] } })
    expect(w.find('h1').text()).toBe(headline)
    expect(w.text()).toContain(code)
    await w.find(`[data-testid="${button}"]`).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/')
  })
})
