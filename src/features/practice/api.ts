import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiAvailability, toApiPracticeProfile, toApiTimeOff } from './present'
import { AvailabilityInput, ProfileInput, TimeOffInput } from './schemas'
import { addTimeOff, getAvailability, getProfile, listTimeOff, removeTimeOff, updateAvailability, updateProfile } from './service'

// A verified doctor's own practice: profile, weekly hours, time off.
export const practiceApi = new Hono<AppEnv>()

practiceApi.use('/doctor/*', requireRole('doctor'))

practiceApi.get('/doctor/profile', async (c) => c.json({ profile: toApiPracticeProfile(await getProfile(c.var.ctx)) }))
practiceApi.put('/doctor/profile', jsonBody(ProfileInput), async (c) => c.json({ profile: toApiPracticeProfile(await updateProfile(c.var.ctx, c.req.valid('json'))) }))

practiceApi.get('/doctor/availability', async (c) => c.json({ availability: toApiAvailability(await getAvailability(c.var.ctx)) }))
practiceApi.put('/doctor/availability', jsonBody(AvailabilityInput), async (c) =>
  c.json({ availability: toApiAvailability(await updateAvailability(c.var.ctx, c.req.valid('json'))) }),
)

practiceApi.get('/doctor/time-off', async (c) => c.json({ items: (await listTimeOff(c.var.ctx)).map(toApiTimeOff) }))
// The API keeps appointments the time off covers unless asked to cancel them (cancel_overlapping),
// and names them either way.
const TimeOffRequest = TimeOffInput.extend({ cancel_overlapping: z.boolean('must be true or false').default(false) })
practiceApi.post('/doctor/time-off', jsonBody(TimeOffRequest), async (c) => {
  const { cancel_overlapping, ...input } = c.req.valid('json')
  const added = await addTimeOff(c.var.ctx, { ...input, overlapping: cancel_overlapping ? 'cancel' : 'keep' })
  return c.json({ time_off: toApiTimeOff(added.timeOff), overlapping_appointment_ids: added.overlapping, cancelled_appointment_ids: added.cancelled }, 201)
})
practiceApi.delete('/doctor/time-off/:id', async (c) => {
  await removeTimeOff(c.var.ctx, c.req.param('id'))
  return c.body(null, 204)
})
