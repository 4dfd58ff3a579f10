import { Hono } from 'hono'
import { CallNotOpenPage, CallPage } from '../../../views/calls/call-page'
import { ChatPanel } from '../../../views/chat/chat-panel'
import { loadChatView } from '../chat/panel'
import { openConversation } from '../chat/service'
import type { AppEnv } from '../../env'
import { renderView } from '../../core/page'
import { viewerTimeZone } from '../../lib/viewer-timezone'

import { callFor, iceServers, notOpenMessage } from './service'

export const callRoutes = new Hono<AppEnv>()

// The video visit's page: the call while its window is open (only for the appointment's patient
// and doctor; anyone else gets 404), otherwise when it opens and the way back.
callRoutes.get('/appointments/:id/call', async (c) => {
  const call = await callFor(c.var.ctx, c.req.param('id'))
  const { row } = call
  const timezone = viewerTimeZone(c, call.role === 'doctor' ? row.doctorTimezone : row.patientTimezone).timezone
  const common = { appointmentId: row.id, peerName: call.peer.name, start: row.startAt, end: row.endAt, timezone }
  if (call.state !== 'open') {
    return renderView(c, { title: 'Video call', status: 409, body: <CallNotOpenPage {...common} message={notOpenMessage(call, timezone)!} /> })
  }
  const { conversation } = await openConversation(c.var.ctx, { appointmentId: row.id })
  const chat = await loadChatView(c, conversation.id)
  return renderView(c, {
    title: `Video call with ${call.peer.name}`,
    body: <CallPage {...common} role={call.role} iceServers={iceServers(c.env)} canComplete={call.canComplete} chat={<ChatPanel view={chat} headingLevel={2} heading={`Chat with ${call.peer.name}`} />} />,
    scripts: ['call'],
  })
})
