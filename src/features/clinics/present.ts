import { toIsoInstant } from '../../lib/time'

export const toApiClinic = (c: { id: string; name: string; address: string | null; phone: string | null; email: string | null; createdAt: Date; doctors: number; admins: number }) => ({
  id: c.id,
  name: c.name,
  address: c.address,
  phone: c.phone,
  email: c.email,
  doctor_count: c.doctors,
  admin_count: c.admins,
  created_at: toIsoInstant(c.createdAt),
})
export type ApiClinic = ReturnType<typeof toApiClinic>
