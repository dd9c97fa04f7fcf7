// 个人中心: who the user is (organisation kind and role names in Chinese), the sessions with the
// current one first, and 下线 calling DELETE /auth/sessions/{id} after confirming.
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useUserStore } from '@/stores/user'
import { stubMessages } from '@/test/mount'
import { calledRoutes, meFor, stubApi } from '@/test/fixtures'

import ProfilePage from './index.vue'

const { confirm } = stubMessages()

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'
const SESSIONS = {
  items: [
    { id: 8, createdAt: '2026-03-01T08:00:00+08:00', lastSeenAt: '2026-03-01T09:00:00+08:00', expiresAt: '2026-03-02T08:00:00+08:00', ip: '10.0.0.8', userAgent: CHROME, current: false },
    { id: 9, createdAt: '2026-03-01T10:00:00+08:00', lastSeenAt: '2026-03-01T10:05:00+08:00', expiresAt: '2026-03-02T10:00:00+08:00', ip: '10.0.0.9', userAgent: CHROME, current: true },
  ],
}

describe('个人中心', { timeout: 30_000 }, () => {
  it('shows the user with organisation kind and role names, lists sessions current first, and takes one offline', async () => {
    setActivePinia(createPinia())
    useUserStore().set(meFor('bank-officer'))
    confirm.mockResolvedValue('confirm')
    const fetchMock = stubApi({
      'GET /api/v1/auth/sessions': SESSIONS,
      'DELETE /api/v1/auth/sessions/8': () => new Response(null, { status: 204 }),
    })
    const w = mount(ProfilePage, { attachTo: document.body })
    await flushPromises()

    const info = w.find('[data-testid="profile-info"]').text()
    expect(info).toContain('工商银行焦作分行')
    expect(info).toContain('银行')
    expect(w.find('[data-testid="profile-roles"]').text()).toContain('客户经理')
    expect(w.find('[data-testid="profile-mobile"]').text()).toBe('138****1234')

    const rows = w.findAll('[data-testid="session-table"] .el-table__body tr')
    expect(rows[0].find('[data-testid="session-current"]').exists()).toBe(true)
    expect(rows[0].text()).toContain('10.0.0.9')
    expect(rows[1].text()).toContain('Chrome 120 / Windows')

    await w.find('[data-testid="session-revoke"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledOnce()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/auth/sessions', 'DELETE /api/v1/auth/sessions/8', 'GET /api/v1/auth/sessions'])
  })
})
