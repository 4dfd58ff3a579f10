import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { ValidationError } from '../../lib/errors'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'

import { BookInput, IdempotencyKey } from './schemas'
import { bookAppointment } from './service'

export const bookingApi = new Hono<AppEnv>()

bookingApi.post('/appointments', requireRole('patient'), jsonBody(BookInput), async (c) => {
  const header = c.req.header('idempotency-key')
  const key = header === undefined ? undefined : IdempotencyKey.safeParse(header)
  if (key && !key.success) throw new ValidationError({ 'Idempotency-Key': 'must be 1 to 255 characters' })
  const result = await bookAppointment(c.var.ctx, c.req.valid('json'), key?.data)
  if (result.replayed) c.header('Idempotent-Replayed', 'true')
  return c.json(result.body, result.status)
})
