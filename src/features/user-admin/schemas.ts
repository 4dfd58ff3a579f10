import { z } from 'zod'
import { IsoDate, oneLine, PersonName, TEXT_LIMITS } from '../../core/input'
import { ROLES, USER_STATUSES } from '../../db/schema/enums'

export const USER_SORTS = ['created', 'name', 'email'] as const

// The users table's state, all in the URL: what to find, how to sort, where the page starts.
export const UsersQuery = z.object({
  q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
  role: z.enum(ROLES, 'is not a role').optional(),
  status: z.enum(USER_STATUSES, 'is not a status').optional(),
  verified: z.enum(['yes', 'no'], 'must be yes or no').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: z.enum(USER_SORTS, 'is not a column to sort by').default('created'),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').default('desc'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type UsersQuery = z.infer<typeof UsersQuery>

// What an admin says when they change someone's account: kept in the audit log.
export const ReasonInput = z.object({ reason: oneLine(TEXT_LIMITS.reason).pipe(z.string().min(3, 'must say why (at least 3 characters)')) })

export const ADMIN_SUB_ROLES = ['super', 'clinic', 'support'] as const

// A clinic admin belongs to one clinic; other admins to none (a clinic sent with them is ignored).
const ClinicOfRole = z.object({
  admin_role: z.enum(ADMIN_SUB_ROLES, 'must be super, clinic or support'),
  clinic_id: z.string().trim().max(40, 'is not a clinic id').optional(),
})
const needsClinic = <T extends z.infer<typeof ClinicOfRole>>(input: T, ctx: z.RefinementCtx) => {
  if (input.admin_role === 'clinic' && !input.clinic_id) ctx.addIssue({ code: 'custom', path: ['clinic_id'], message: 'is required for a clinic admin' })
}
const clinicOnlyForClinicAdmins = <T extends z.infer<typeof ClinicOfRole>>(input: T) => ({ ...input, clinic_id: input.admin_role === 'clinic' ? input.clinic_id! : null })

export const InviteAdminInput = z
  .object({
    name: PersonName,
    email: z.email('must be an email address').trim().toLowerCase().max(254, 'must be at most 254 characters'),
  })
  .extend(ClinicOfRole.shape)
  .superRefine(needsClinic)
  .transform(clinicOnlyForClinicAdmins)
export type InviteAdminInput = z.output<typeof InviteAdminInput>

export const AdminRoleInput = ReasonInput.extend(ClinicOfRole.shape).superRefine(needsClinic).transform(clinicOnlyForClinicAdmins)
