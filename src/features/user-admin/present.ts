import { toIsoInstant } from '../../lib/time'
export function toApiAdminUser(u: { id: string; name: string; email: string; phone: string | null; role: string; adminRole: string | null; clinicId?: string | null; status: string; emailVerifiedAt: Date | null; createdAt: Date }) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    role: u.role,
    admin_role: u.adminRole,
    clinic_id: u.clinicId ?? null,
    status: u.status,
    email_verified: u.emailVerifiedAt !== null,
    created_at: toIsoInstant(u.createdAt),
  }
}

/** The CSV columns of the users export, and one row's fields. */
export const USER_CSV_HEADER = ['id', 'name', 'email', 'role', 'admin_role', 'status', 'email_verified', 'created_at']
export const userCsvFields = (u: Parameters<typeof toApiAdminUser>[0]) => {
  const a = toApiAdminUser(u)
  return [a.id, a.name, a.email, a.role, a.admin_role, a.status, a.email_verified ? 'yes' : 'no', a.created_at]
}
