import { afterEach, describe, expect, it, vi } from 'vitest'
import { noteServerDate, serverNow, shanghaiDatePlus, todayInShanghai } from './clock'

afterEach(() => {
  noteServerDate(new Date().toUTCString())
  vi.useRealTimers()
})

describe('the server clock', () => {
  it('takes today in Asia/Shanghai, whatever the browser zone', () => {
    // 2026-03-01 20:00 UTC is already 2026-03-02 in Shanghai.
    expect(todayInShanghai(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02')
    expect(todayInShanghai(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01')
    expect(todayInShanghai(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27')
  })

  it('follows the Date header of the last response, not the browser clock', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-07T03:00:00Z'))
    // A server pinned to 2026-11-27 10:00 Shanghai (02:00 UTC).
    noteServerDate('Fri, 27 Nov 2026 02:00:00 GMT')
    expect(todayInShanghai()).toBe('2026-11-27')
    expect(shanghaiDatePlus(30)).toBe('2026-12-27')
    // The offset holds as the browser's time moves on.
    vi.setSystemTime(new Date('2026-12-07T17:00:00Z'))
    expect(todayInShanghai()).toBe('2026-11-28')
    expect(serverNow()).toBe(Date.parse('2026-11-27T16:00:00Z'))
  })

  it('ignores a missing or unreadable header and sub-second differences', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-07T03:00:00.600Z'))
    noteServerDate('Mon, 07 Dec 2026 03:00:00 GMT')
    expect(serverNow()).toBe(Date.parse('2026-12-07T03:00:00.600Z'))
    noteServerDate(null)
    noteServerDate('not a date')
    expect(serverNow()).toBe(Date.parse('2026-12-07T03:00:00.600Z'))
  })
})
