import { Hono } from 'hono'
import { z } from 'zod'
import { APPOINTMENT_STATUSES } from '../../db/schema/enums'
import type { AppEnv } from '../../env'
import { jsonBody, optionalJsonBody, queryParams } from '../../lib/validator'

import { Instant } from '../booking/schemas'
import { appointmentCalendar, getAppointment, listAppointments, rescheduleAppointment, transitionAppointment } from './service'

export const appointmentsApi = new Hono<AppEnv>()

const ListQuery = z.object({
  scope: z.enum(['upcoming', 'past']).optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(APPOINTMENT_STATUSES, 'must be appointment statuses separated by commas')))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

appointmentsApi.get('/appointments', queryParams(ListQuery), async (c) => {
  const items = await listAppointments(c.var.ctx, c.req.valid('query'))
  return c.json({ items, next_cursor: null })
})

appointmentsApi.get('/appointments/:id', async (c) => c.json({ appointment: await getAppointment(c.var.ctx, c.req.param('id')) }))

const Reason = z.object({ reason: z.string().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters').optional() })
const Reschedule = z.object({ start: Instant })

// An empty body is allowed where the reason is optional.
const optionalReason = optionalJsonBody(Reason)

appointmentsApi.post('/appointments/:id/confirm', async (c) => c.json({ appointment: await transitionAppointment(c.var.ctx, c.req.param('id'), 'confirm') }))
appointmentsApi.post('/appointments/:id/complete', async (c) => c.json({ appointment: await transitionAppointment(c.var.ctx, c.req.param('id'), 'complete') }))
appointmentsApi.post('/appointments/:id/no-show', async (c) => c.json({ appointment: await transitionAppointment(c.var.ctx, c.req.param('id'), 'no_show') }))
appointmentsApi.post('/appointments/:id/reject', optionalReason, async (c) =>
  c.json({ appointment: await transitionAppointment(c.var.ctx, c.req.param('id'), 'reject', c.req.valid('json')) }),
)
appointmentsApi.post('/appointments/:id/cancel', optionalReason, async (c) =>
  c.json({ appointment: await transitionAppointment(c.var.ctx, c.req.param('id'), 'cancel', c.req.valid('json')) }),
)
appointmentsApi.post('/appointments/:id/reschedule', jsonBody(Reschedule), async (c) =>
  c.json({ appointment: await rescheduleAppointment(c.var.ctx, c.req.param('id'), c.req.valid('json').start) }),
)

appointmentsApi.get('/appointments/:id/calendar.ics', async (c) => {
  const ics = await appointmentCalendar(c.var.ctx, c.req.param('id'))
  return c.body(ics, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': 'attachment; filename="appointment.ics"',
    'Cache-Control': 'private, no-store',
  })
})
