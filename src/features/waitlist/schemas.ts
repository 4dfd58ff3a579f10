import { z } from 'zod'
import { IsoDate, TEXT_LIMITS, TimeZone } from '../../core/input'
import { CONSULTATION_TYPES, TIMES_OF_DAY } from '../../db/schema/enums'

// How far ahead a patient may wait: a waitlist is for the coming weeks, not a standing order.
export const MAX_WAIT_DAYS = 90

// What suits a waiting patient: a range of days, and if they say so, days of the week and times of day.
export const JoinWaitlist = z
  .object({
    doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
    from: IsoDate,
    to: IsoDate,
    weekdays: z.array(z.coerce.number('must be 1 (Monday) to 7 (Sunday)').int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)')).max(7).default([]),
    times_of_day: z.array(z.enum(TIMES_OF_DAY, 'must be morning, afternoon or evening')).max(3).default([]),
    type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
    reason: z.string().trim().min(3, 'must be at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
    timezone: TimeZone.optional(),
  })
  .refine((w) => w.from <= w.to, { message: 'must be on or after the first day', path: ['to'] })
export type JoinWaitlist = z.infer<typeof JoinWaitlist>
