import { z } from 'zod'
import { IsoDate } from '../../core/input'

export const REPORTS = ['utilisation', 'outcomes', 'lead-time', 'new-patients', 'revenue'] as const
export type ReportName = (typeof REPORTS)[number]

export const REPORT_TITLES: Record<ReportName, string> = {
  utilisation: 'Utilisation per doctor',
  outcomes: 'No-shows and cancellations',
  'lead-time': 'Booking lead time',
  'new-patients': 'New patients per week',
  revenue: 'Revenue per week',
}

// A report's range is UTC days, `to` included; at most a year and a bit (53 weeks) at once.
const MAX_DAYS = 371

export const ReportQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    // What the no-show and cancellation rates are grouped by.
    by: z.enum(['doctor', 'specialty', 'week'], 'must be doctor, specialty or week').default('week'),
    clinic: z.string().trim().max(40, 'is not a clinic id').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after the end', path: ['from'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000, { message: `must be at most ${MAX_DAYS} days before the end`, path: ['from'] })
export type ReportQuery = z.output<typeof ReportQuery>
