import { describe, expect, it } from 'vitest'
import { callState, callWindow, iceServers } from '../../../src/features/calls/service'

describe('the call window and configuration', () => {
  const start = new Date('2031-03-04T09:30:00Z')
  const row = { status: 'confirmed' as const, startAt: start, endAt: new Date('2031-03-04T10:00:00Z') }

  it('opens CALL_OPENS_MINUTES_BEFORE before the start and closes at the end', () => {
    const window = callWindow(row, { CALL_OPENS_MINUTES_BEFORE: '10' })
    expect(window.opensAt.toISOString()).toBe('2031-03-04T09:20:00.000Z')
    expect(callState(row, window, new Date('2031-03-04T09:19:59Z'))).toBe('early')
    expect(callState(row, window, new Date('2031-03-04T09:20:00Z'))).toBe('open')
    expect(callState(row, window, new Date('2031-03-04T09:59:59Z'))).toBe('open')
    expect(callState(row, window, new Date('2031-03-04T10:00:00Z'))).toBe('over')
    expect(callState({ ...row, status: 'cancelled' }, window, new Date('2031-03-04T09:40:00Z'))).toBe('unconfirmed')
    expect(callWindow(row, {}).opensAt.toISOString()).toBe('2031-03-04T09:15:00.000Z')
    expect(callWindow(row, { CALL_OPENS_MINUTES_BEFORE: 'soon' }).opensAt.toISOString()).toBe('2031-03-04T09:15:00.000Z')
  })

  it('reads STUN/TURN servers from ICE_SERVERS and treats a malformed value as none', () => {
    const servers = [{ urls: 'stun:stun.example.org:3478' }, { urls: ['turn:turn.example.org'], username: 'u', credential: 'c' }]
    expect(iceServers({ ICE_SERVERS: JSON.stringify(servers) })).toEqual(servers)
    expect(iceServers({})).toEqual([])
    expect(iceServers({ ICE_SERVERS: '{"urls":' })).toEqual([])
    expect(iceServers({ ICE_SERVERS: '[{"url":"stun:x"}]' })).toEqual([])
  })
})
