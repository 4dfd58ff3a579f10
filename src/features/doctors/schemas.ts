import { z } from 'zod'
import { IsoDate, TEXT_LIMITS, TimeZone } from '../../core/input'

const text = (max: number) => z.string().trim().min(1).max(max, `must be at most ${max} characters`).optional()

export const SearchQuery = z.object({
  specialty: text(60),
  q: text(TEXT_LIMITS.search),
  city: text(TEXT_LIMITS.search),
  language: z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or pt-BR').optional(),
  // A day in `tz` (the viewer's zone; UTC by default), the same days "next free" is shown in.
  available_on: IsoDate.optional(),
  tz: TimeZone.optional(),
  min_rating: z.coerce.number().min(1, 'must be between 1 and 5').max(5, 'must be between 1 and 5').optional(),
  sort: z.enum(['soonest', 'rating', 'fee'], 'must be soonest, rating or fee').default('soonest'),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100, 'must be at most 100').default(20),
  cursor: z.string().max(200).optional(),
})

