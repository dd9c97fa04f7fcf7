import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Notification } from '@/api/notification'
import { calledRoutes, json, stubApi } from '@/test/fixtures'
import { mountPage } from '@/test/mount'
import { badgeText, safeLink, unread } from './unread'

import NotificationsPage from './index.vue'
import Navbar from '@/layout/components/Navbar.vue'

function notice(patch: Partial<Notification> = {}): Notification {
  return {
    id: 27,
    kind: 'finance.application',
    title: '融资申请 #3 已拒绝',
    body: '工商银行焦作分行：拒绝（审批中 → 已拒绝）。说明：纳税信用M级',
    link: '/finance/applications/3',
    createdAt: '2026-11-28T10:00:00+08:00',
    readAt: null,
    ...patch,
  }
}

const mountWith = (component: unknown, api: Parameters<typeof stubApi>[0], path = '/notifications') =>
  mountPage(component, { role: 'enterprise-staff', csrf: 'csrf-notice', api, path })

afterEach(() => {
  unread.value = null
  vi.useRealTimers()
})

describe('站内信 helpers', () => {
  it('shows no badge for none and 99+ past 99', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(null)).toBe('')
    expect(badgeText(7)).toBe('7')
    expect(badgeText(120)).toBe('99+')
  })

  it('follows only same-site links', () => {
    expect(safeLink('/finance/applications/3')).toBe('/finance/applications/3')
    expect(safeLink('https://evil.example/')).toBeNull()
    expect(safeLink('//evil.example/')).toBeNull()
    expect(safeLink('')).toBeNull()
  })
})

describe('站内信', { timeout: 30_000 }, () => {
  it('lists messages with unread ones marked, and asks only for unread ones on 未读', async () => {
    const { wrapper, fetchMock } = await mountWith(NotificationsPage, {
      'GET /api/v1/notifications': (url: URL) =>
        json({
          items: url.searchParams.get('unread') === 'true' ? [notice()] : [notice(), notice({ id: 5, title: '银行已接单', readAt: '2026-11-28T11:00:00+08:00' })],
          total: 2,
          page: 1,
          pageSize: 20,
          unread: 1,
        }),
    })
    const items = wrapper.findAll('[data-testid="notice-item"]')
    expect(items).toHaveLength(2)
    expect(items[0].text()).toContain('融资申请 #3 已拒绝')
    expect(items[0].text()).toContain('未读')
    expect(items[1].text()).not.toContain('未读')
    expect(wrapper.find('[data-testid="notice-tab"]').text()).toContain('未读（1）')

    await wrapper.findAll('[data-testid="notice-tab"] input')[1].setValue(true)
    await flushPromises()
    const last = new URL(String(fetchMock.mock.calls.at(-1)![0]), 'http://localhost')
    expect(last.searchParams.get('unread')).toBe('true')
    expect(wrapper.findAll('[data-testid="notice-item"]')).toHaveLength(1)
  })

  it('marks a message read when opened and goes to the page it is about', async () => {
    const { wrapper, fetchMock, router } = await mountWith(NotificationsPage, {
      'GET /api/v1/notifications': { items: [notice()], total: 1, page: 1, pageSize: 20, unread: 1 },
      'POST /api/v1/notifications/27/read': { unread: 0 },
    })
    await wrapper.find('[data-testid="notice-item"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toEqual(['GET /api/v1/notifications', 'POST /api/v1/notifications/27/read'])
    expect((fetchMock.mock.calls[1][1] as RequestInit).headers).toMatchObject({ 'X-CSRF-Token': 'csrf-notice' })
    expect(router.currentRoute.value.fullPath).toBe('/finance/applications/3')
    expect(unread.value).toBe(0)
  })

  it('marks all read and shows the emptied unread count', async () => {
    let left = 3
    const { wrapper, fetchMock } = await mountWith(NotificationsPage, {
      'GET /api/v1/notifications': () =>
        json({ items: [notice({ readAt: left ? null : '2026-11-28T12:00:00+08:00' })], total: 1, page: 1, pageSize: 20, unread: left }),
      'POST /api/v1/notifications/read-all': () => {
        left = 0
        return json({ marked: 3, unread: 0 })
      },
    })
    expect(wrapper.find('[data-testid="notice-read-all"]').attributes('disabled')).toBeUndefined()
    await wrapper.find('[data-testid="notice-read-all"]').trigger('click')
    await flushPromises()
    expect(calledRoutes(fetchMock)).toContain('POST /api/v1/notifications/read-all')
    expect(wrapper.find('[data-testid="notice-item"]').text()).not.toContain('未读')
    expect(wrapper.find('[data-testid="notice-read-all"]').attributes('disabled')).toBeDefined()
  })
})

describe('the navbar bell', { timeout: 30_000 }, () => {
  it('shows the unread count, asks again every minute and on a page change, and links to 站内信', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    let count = 4
    const { wrapper, fetchMock, router } = await mountWith(
      Navbar,
      { 'GET /api/v1/notifications/unread-count': () => json({ unread: count }) },
      '/',
    )
    const badge = () => wrapper.find('[data-testid="notice-badge"] sup')
    expect(badge().text()).toBe('4')
    expect(wrapper.find('[data-testid="notice-bell"]').attributes('href')).toBe('/notifications')

    count = 5
    vi.advanceTimersByTime(60_000)
    await flushPromises()
    expect(badge().text()).toBe('5')

    count = 0
    await router.push('/finance/products')
    await flushPromises()
    expect(calledRoutes(fetchMock).filter((r) => r.endsWith('unread-count'))).toHaveLength(3)
    expect(badge().exists() && badge().isVisible()).toBe(false)
  })
})
