import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiAppointment } from '../appointments/present'
import { toApiWaitlistEntry } from './present'
import { JoinWaitlist } from './schemas'
import { joinWaitlist, leaveWaitlist, myWaitlists, takeOffer, waitingForMe } from './service'

export const waitlistApi = new Hono<AppEnv>()

waitlistApi.post('/waitlist', requireRole('patient'), jsonBody(JoinWaitlist), async (c) => {
  const id = await joinWaitlist(c.var.ctx, c.req.valid('json'))
  const entry = (await myWaitlists(c.var.ctx)).find((e) => e.id === id)!
  return c.json({ entry: toApiWaitlistEntry(entry) }, 201)
})

waitlistApi.get('/waitlist', requireRole('patient'), async (c) => c.json({ items: (await myWaitlists(c.var.ctx)).map(toApiWaitlistEntry) }))

waitlistApi.delete('/waitlist/:id', requireRole('patient'), async (c) => {
  await leaveWaitlist(c.var.ctx, c.req.param('id'))
  return c.body(null, 204)
})

// Takes a slot held for the caller: 201 with the appointment; taken before, 200 with the same one.
waitlistApi.post('/waitlist/offers/:id/accept', requireRole('patient'), async (c) => {
  const { appointment, replayed } = await takeOffer(c.var.ctx, { offerId: c.req.param('id') })
  return c.json({ appointment: toApiAppointment(appointment) }, replayed ? 200 : 201)
})

waitlistApi.get('/doctor/waitlist', requireRole('doctor'), async (c) => c.json({ waiting: await waitingForMe(c.var.ctx) }))
