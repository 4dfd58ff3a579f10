import { Hono } from 'hono'
import { z } from 'zod'
import { IdempotencyKey, Instant, TEXT_LIMITS } from '../../core/input'
import { APPOINTMENT_STATUSES } from '../../db/schema/enums'
import type { AppEnv } from '../../env'
import { ValidationError } from '../../lib/errors'
import { jsonBody, optionalJsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { icsResponse } from './ics'
import { emergencyGuidance } from '../intake/service'
import { APPOINTMENT_CSV_HEADER, appointmentCsvFields, toApiAppointment } from './present'
import { AdminAppointmentsQuery, BookInput, FollowUpInput, followUpDays } from './schemas'
import { adminAppointments, exportAdminAppointments } from './service/admin-list'
import { csvResponse } from '../../lib/csv'
import { appointmentCalendar, bookAppointment, getAppointment, listAppointments, proposeFollowUp, rescheduleAppointment, transitionAppointment } from './service'

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

// POST /appointments: the same key with the same body answers with what the first request made,
// marked Idempotent-Replayed (docs/api.md).
appointmentsApi.post('/appointments', requireRole('patient'), jsonBody(BookInput), async (c) => {
  const header = c.req.header('idempotency-key')
  const key = header === undefined ? undefined : IdempotencyKey.safeParse(header)
  if (key && !key.success) throw new ValidationError({ 'Idempotency-Key': 'must be 1 to 255 characters' })
  const { appointment, replayed } = await bookAppointment(c.var.ctx, { ...c.req.valid('json'), idempotencyKey: key?.data })
  if (replayed) c.header('Idempotent-Replayed', 'true')
  // A red flag in the questionnaire: what to do now comes with the booking.
  const triage = appointment.urgent ? { red_flag: true, ...(await emergencyGuidance(c.var.ctx)) } : undefined
  return c.json({ appointment: toApiAppointment(appointment), ...(triage ? { triage } : {}) }, 201)
})

appointmentsApi.get('/appointments', queryParams(ListQuery), async (c) => {
  const items = await listAppointments(c.var.ctx, c.req.valid('query'))
  return c.json({ items: items.map(toApiAppointment), next_cursor: null })
})

appointmentsApi.get('/appointments/:id', async (c) => c.json({ appointment: toApiAppointment(await getAppointment(c.var.ctx, c.req.param('id'))) }))

const Reason = z.object({ reason: z.string().trim().min(1, 'is required').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`).optional() })
const Reschedule = z.object({ start: Instant })

// An empty body is allowed where the reason is optional.
const optionalReason = optionalJsonBody(Reason)
// An admin cancelling at the patient's request says so: the late-cancellation refund applies.
const CancelBody = optionalJsonBody(Reason.extend({ for_patient: z.boolean('must be true or false').optional() }))
const transitioned = async (promise: ReturnType<typeof transitionAppointment>) => ({ appointment: toApiAppointment(await promise) })

appointmentsApi.post('/appointments/:id/confirm', async (c) => c.json(await transitioned(transitionAppointment(c.var.ctx, { id: c.req.param('id'), action: 'confirm' }))))
appointmentsApi.post('/appointments/:id/complete', async (c) => c.json(await transitioned(transitionAppointment(c.var.ctx, { id: c.req.param('id'), action: 'complete' }))))
// An admin recording a missed visit adds a note (`reason`); the doctor needs none.
appointmentsApi.post('/appointments/:id/no-show', optionalReason, async (c) =>
  c.json(await transitioned(transitionAppointment(c.var.ctx, { id: c.req.param('id'), action: 'no_show', ...c.req.valid('json') }))),
)
appointmentsApi.post('/appointments/:id/reject', optionalReason, async (c) =>
  c.json(await transitioned(transitionAppointment(c.var.ctx, { id: c.req.param('id'), action: 'reject', ...c.req.valid('json') }))),
)
appointmentsApi.post('/appointments/:id/cancel', CancelBody, async (c) => {
  const { reason, for_patient: forPatient } = c.req.valid('json')
  return c.json(await transitioned(transitionAppointment(c.var.ctx, { id: c.req.param('id'), action: 'cancel', reason, forPatient })))
})
appointmentsApi.post('/appointments/:id/reschedule', jsonBody(Reschedule), async (c) =>
  c.json({ appointment: toApiAppointment(await rescheduleAppointment(c.var.ctx, { id: c.req.param('id'), start: c.req.valid('json').start })) }),
)

// The doctor proposes a follow-up `in` days or weeks after the visit; the patient gets a link.
appointmentsApi.post('/appointments/:id/follow-up', jsonBody(FollowUpInput), async (c) =>
  c.json({ appointment: toApiAppointment(await proposeFollowUp(c.var.ctx, c.req.param('id'), { days: followUpDays(c.req.valid('json')) })) }),
)

appointmentsApi.get('/appointments/:id/calendar.ics', async (c) => icsResponse(c, await appointmentCalendar(c.var.ctx, c.req.param('id'))))

// The admins' table of every appointment, and its export (every matching row, streamed).
appointmentsApi.get('/admin/appointments', requireRole('admin'), queryParams(AdminAppointmentsQuery), async (c) => {
  const page = await adminAppointments(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiAppointment), next_cursor: page.nextCursor })
})

appointmentsApi.get('/admin/appointments.csv', requireRole('admin'), queryParams(AdminAppointmentsQuery), async (c) =>
  csvResponse('appointments.csv', APPOINTMENT_CSV_HEADER, exportAdminAppointments(c.var.ctx, c.req.valid('query')), appointmentCsvFields),
)
