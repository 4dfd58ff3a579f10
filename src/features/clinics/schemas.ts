import { z } from 'zod'
import { oneLine } from '../../core/input'

export const CLINIC_LIMITS = { name: 120, address: 300, phone: 40, email: 254 } as const

const optional = (max: number) =>
  oneLine(max)
    .optional()
    .transform((s) => s || null)

// A clinic's details as an admin types them; empty optional fields are stored as nothing.
export const ClinicInput = z.object({
  name: oneLine(CLINIC_LIMITS.name).pipe(z.string().min(2, 'is required (at least 2 characters)')),
  address: optional(CLINIC_LIMITS.address),
  phone: oneLine(CLINIC_LIMITS.phone)
    .regex(/^[+()0-9 .-]*$/, 'may contain digits, spaces and + ( ) . - only')
    .optional()
    .transform((s) => s || null),
  email: z
    .union([z.literal(''), z.email('must be an email address').trim().toLowerCase().max(CLINIC_LIMITS.email, `must be at most ${CLINIC_LIMITS.email} characters`)])
    .optional()
    .transform((s) => s || null),
})
export type ClinicInput = z.infer<typeof ClinicInput>
