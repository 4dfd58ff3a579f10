import { z } from 'zod'
import { IsoDate, oneLine, PersonName, TEXT_LIMITS } from '../../core/input'
import { DOCTOR_DOCUMENT_KINDS, DOCTOR_STATUSES } from '../../db/schema/enums'
import { ACCOUNT_LIMITS, RegisterDoctorInput } from '../auth/schemas'
import { DOCUMENT_TITLE_MAX } from '../documents/schemas'

export const DOCTOR_SORTS = ['applied', 'name'] as const

// The doctors table's state, all in the URL. Without a status it is the verification queue
// (pending, oldest first, so nobody waits behind later applications).
export const DoctorsQuery = z
  .object({
    q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
    status: z.enum([...DOCTOR_STATUSES, 'all'], 'must be pending, verified, rejected, deactivated or all').default('pending'),
    specialty: z.string().trim().max(40, 'is not a specialty id').optional(),
    clinic: z.string().trim().max(40, 'is not a clinic id').optional(),
    // Licences that lapse within 30 days (or have), or that have lapsed.
    licence: z.enum(['expiring', 'expired'], 'must be expiring or expired').optional(),
    sort: z.enum(DOCTOR_SORTS, 'is not a column to sort by').default('applied'),
    dir: z.enum(['asc', 'desc'], 'must be asc or desc').optional(),
    cursor: z.string().max(300, 'is not a valid cursor').optional(),
  })
  .transform((q) => ({ ...q, dir: q.dir ?? (q.status === 'pending' && q.sort === 'applied' ? ('asc' as const) : ('desc' as const)) }))
export type DoctorsQuery = z.output<typeof DoctorsQuery>

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((s) => s || null)

// What an admin may change of a doctor's profile, with the reason kept in the audit log.
export const DoctorEditInput = z.object({
  name: PersonName,
  license_number: RegisterDoctorInput.shape.license_number,
  license_expires_on: z
    .union([z.literal(''), IsoDate])
    .optional()
    .transform((s) => s || null),
  specialty_id: RegisterDoctorInput.shape.specialty_id,
  city: optionalText(80).pipe(z.string().regex(/^[^\u0000-\u001f]*$/, 'must be one line').nullable()),
  practice_address: optionalText(200),
  bio: optionalText(ACCOUNT_LIMITS.bio),
  // Super admins only: a clinic admin's doctors stay theirs.
  clinic_id: z
    .string()
    .trim()
    .max(40, 'is not a clinic id')
    .optional()
    .transform((s) => s || null),
  reason: oneLine(TEXT_LIMITS.reason).pipe(z.string().min(3, 'must say why (at least 3 characters)')),
})
export type DoctorEditInput = z.output<typeof DoctorEditInput>

export const KIND_LABELS: Record<(typeof DOCTOR_DOCUMENT_KINDS)[number], string> = { licence: 'Licence', certificate: 'Certificate', other: 'Other' }

export const ApplicationDocumentFields = z.object({
  title: oneLine(DOCUMENT_TITLE_MAX).pipe(z.string().min(1, 'is required')),
  kind: z.enum(DOCTOR_DOCUMENT_KINDS, { message: `must be one of: ${DOCTOR_DOCUMENT_KINDS.join(', ')}` }),
})
