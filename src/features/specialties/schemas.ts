import { z } from 'zod'
import { oneLine } from '../../core/input'

export const SpecialtyName = oneLine(60).pipe(z.string().min(3, 'must be at least 3 characters').regex(/[\p{L}]/u, 'must name a specialty'))
export const SpecialtyInput = z.object({ name: SpecialtyName })
export const SpecialtyChange = z.object({ name: SpecialtyName.optional(), active: z.boolean('must be true or false').optional() }).refine((v) => v.name !== undefined || v.active !== undefined, { message: 'give a new name, or active true or false', path: ['body'] })
