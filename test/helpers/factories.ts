import { newId } from '../../src/lib/ids'
import { eq } from 'drizzle-orm'
import * as schema from '../../src/db/schema'
import { testDb } from './db'

// Fixtures with unique values, so tests never share or depend on each other's data.
export function unique(label: string) {
  return `${label}-${newId('t').slice(2, 12)}`
}

export async function createSpecialty(overrides: Partial<typeof schema.specialties.$inferInsert> = {}) {
  const slug = unique('specialty')
  const [row] = await testDb()
    .insert(schema.specialties)
    .values({ name: `Specialty ${slug}`, slug, ...overrides })
    .returning()
  return row!
}

export async function createUser(overrides: Partial<typeof schema.users.$inferInsert> = {}) {
  const [row] = await testDb()
    .insert(schema.users)
    .values({ email: `${unique('user')}@example.test`, name: 'Test User', role: 'patient', ...overrides })
    .returning()
  return row!
}

export async function createClinic(overrides: Partial<typeof schema.clinics.$inferInsert> = {}) {
  const [row] = await testDb().insert(schema.clinics).values({ name: unique('Clinic'), address: '1 Test Street', ...overrides }).returning()
  return row!
}

/** A clinic admin of `clinicId` (a new clinic when none is given). */
export async function createClinicAdmin(clinicId?: string) {
  return createUser({ role: 'admin', adminRole: 'clinic', clinicId: clinicId ?? (await createClinic()).id })
}

/** A clinic admin of the doctor's clinic (the doctor joins a new clinic if they have none). */
export async function clinicAdminOf(doctorId: string) {
  const [doctor] = await testDb().select({ clinicId: schema.doctors.clinicId }).from(schema.doctors).where(eq(schema.doctors.id, doctorId))
  const clinicId = doctor?.clinicId ?? (await createClinic()).id
  if (!doctor?.clinicId) await testDb().update(schema.doctors).set({ clinicId }).where(eq(schema.doctors.id, doctorId))
  return createClinicAdmin(clinicId)
}

export async function createDoctor(
  overrides: Partial<typeof schema.doctors.$inferInsert> = {},
  userOverrides: Partial<typeof schema.users.$inferInsert> = {},
) {
  const user = await createUser({ role: 'doctor', name: 'Dr. Test', ...userOverrides })
  const specialtyId = overrides.specialtyId ?? (await createSpecialty()).id
  const [doctor] = await testDb()
    .insert(schema.doctors)
    .values({ userId: user.id, licenseNumber: unique('LIC'), specialtyId, status: 'verified', ...overrides })
    .returning()
  return { user, doctor: doctor! }
}

// Weekly hours for a doctor: every weekday listed, the same range, in the given zone.
export async function createAvailability(
  doctorId: string,
  options: { timezone?: string; weekdays?: number[]; startMinute?: number; endMinute?: number } & Partial<typeof schema.availabilitySettings.$inferInsert> = {},
) {
  const { weekdays = [1, 2, 3, 4, 5, 6, 7], startMinute = 9 * 60, endMinute = 12 * 60, ...settings } = options
  await testDb().batch([
    testDb().insert(schema.availabilitySettings).values({ doctorId, timezone: 'UTC', minNoticeMinutes: 0, ...settings }),
    testDb().insert(schema.availabilityRules).values(weekdays.map((weekday) => ({ doctorId, weekday, startMinute, endMinute }))),
  ])
}

// An appointment between a patient and a doctor, straight into the database (no slot checks).
export async function createAppointment(
  doctorId: string,
  patientId: string,
  overrides: Partial<typeof schema.appointments.$inferInsert> = {},
) {
  const startAt = overrides.startAt ?? new Date(Date.now() + 3 * 86_400_000)
  const [row] = await testDb()
    .insert(schema.appointments)
    .values({ doctorId, patientId, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Follow-up', status: 'confirmed', ...overrides })
    .returning()
  return row!
}
