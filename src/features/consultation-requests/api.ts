import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiAppointment } from '../appointments/present'
import { toApiRequest } from './present'
import { AskInput, DeclineInput, ProposeInput } from './schemas'
import { askForConsultation, confirmProposal, declineRequest, myRequests, proposeTime, requestInbox, withdrawRequest } from './service'

export const consultationRequestsApi = new Hono<AppEnv>()

const mine = async (c: { var: { ctx: Parameters<typeof myRequests>[0] } }, id: string) => toApiRequest((await myRequests(c.var.ctx)).find((r) => r.id === id)!)

consultationRequestsApi.post('/consultation-requests', requireRole('patient'), jsonBody(AskInput), async (c) => {
  const id = await askForConsultation(c.var.ctx, c.req.valid('json'))
  return c.json({ request: await mine(c, id) }, 201)
})
consultationRequestsApi.get('/consultation-requests', requireRole('patient'), async (c) => c.json({ items: (await myRequests(c.var.ctx)).map(toApiRequest) }))
consultationRequestsApi.post('/consultation-requests/:id/confirm', requireRole('patient'), async (c) => {
  const { appointment, replayed } = await confirmProposal(c.var.ctx, c.req.param('id'))
  return c.json({ appointment: toApiAppointment(appointment) }, replayed ? 200 : 201)
})
consultationRequestsApi.post('/consultation-requests/:id/withdraw', requireRole('patient'), async (c) => {
  await withdrawRequest(c.var.ctx, c.req.param('id'))
  return c.json({ request: await mine(c, c.req.param('id')) })
})

// The requests a doctor (or a clinic or super admin, for their doctors) answers.
consultationRequestsApi.get('/consultation-requests/inbox', requireRole('doctor', 'admin:clinic', 'admin:super'), async (c) => c.json({ items: (await requestInbox(c.var.ctx)).items.map(toApiRequest) }))
consultationRequestsApi.post('/consultation-requests/:id/propose', requireRole('doctor', 'admin:clinic', 'admin:super'), jsonBody(ProposeInput), async (c) => {
  await proposeTime(c.var.ctx, c.req.param('id'), c.req.valid('json').start)
  return c.body(null, 204)
})
consultationRequestsApi.post('/consultation-requests/:id/decline', requireRole('doctor', 'admin:clinic', 'admin:super'), jsonBody(DeclineInput), async (c) => {
  await declineRequest(c.var.ctx, c.req.param('id'), c.req.valid('json').reason)
  return c.body(null, 204)
})
