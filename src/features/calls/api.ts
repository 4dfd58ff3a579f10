import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireWebSocketUpgrade } from '../../durable-objects/chat-room/stub'
import { joinCallRoom } from '../../durable-objects/call-room/stub'

import { openCall } from './service'

export const callsApi = new Hono<AppEnv>()

// The appointment's signaling room. Authorised like any route (session cookie, with the CSRF
// origin check that upgrades get, or a Bearer token), only for the appointment's own patient and
// doctor, and only while the call is open.
callsApi.get('/appointments/:id/call', async (c) => {
  requireWebSocketUpgrade(c)
  const call = await openCall(c.var.ctx, c.req.param('id'))
  return joinCallRoom(c, {
    userId: call.user.id,
    name: call.user.name,
    role: call.role,
    appointmentId: call.row.id,
    closesAt: call.window.closesAt.getTime(),
    sessionId: c.var.ctx.sessionId!,
  })
})
