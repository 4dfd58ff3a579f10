import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { isUniqueViolation } from '../../src/db/errors'
import * as schema from '../../src/db/schema'
import { testDb } from '../helpers/db'
import { createDoctor, createUser, unique } from '../helpers/factories'

// The invariants the schema itself guarantees, checked against the migrated database over HTTP.
// The write must be refused by the named constraint: any other failure (a typo in the test, an
// unreachable database) is not the refusal the test is about.
async function rejection(promise: Promise<unknown>, constraint: RegExp) {
  try {
    await promise
  } catch (err) {
    const text = `${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`
    expect(text).toMatch(constraint)
    return err
  }
  throw new Error('expected the database to refuse the write')
}

describe('users', () => {
  it('refuses a second account for the same email in another case', async () => {
    const email = `${unique('case')}@example.test`
    await createUser({ email })
    const err = await rejection(createUser({ email: email.toUpperCase() }), /UNIQUE constraint failed/)
    expect(isUniqueViolation(err)).toBe(true)
  })

  it('requires an admin sub-role for admins and forbids it for everyone else', async () => {
    expect(isUniqueViolation(await rejection(createUser({ role: 'admin' }), /CHECK constraint failed: users_admin_role_check/))).toBe(false)
    await rejection(createUser({ role: 'patient', adminRole: 'super' }), /CHECK constraint failed: users_admin_role_check/)
    const admin = await createUser({ role: 'admin', adminRole: 'support' })
    expect(admin.adminRole).toBe('support')
  })

  it('generates opaque, unguessable ids', async () => {
    const a = await createUser()
    const b = await createUser()
    expect(a.id).toMatch(/^usr_[0-9a-z]{26}$/)
    expect(a.id).not.toBe(b.id)
  })
})

describe('doctors', () => {
  it('refuses a licence number already on file, whatever its case', async () => {
    const license = unique('lic')
    await createDoctor({ licenseNumber: license })
    const err = await rejection(createDoctor({ licenseNumber: license.toUpperCase() }), /UNIQUE constraint failed/)
    expect(isUniqueViolation(err, 'license')).toBe(true)
  })
})

describe('appointments', () => {
  async function book(doctorId: string, startAt: Date, status: schema.AppointmentStatus = 'confirmed') {
    const patient = await createUser()
    const [row] = await testDb()
      .insert(schema.appointments)
      .values({
        patientId: patient.id,
        doctorId,
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        type: 'video',
        reason: 'Check-up',
        status,
      })
      .returning()
    return row!
  }

  it('never holds two live appointments on one doctor slot', async () => {
    const { doctor } = await createDoctor()
    const start = new Date('2030-03-14T14:30:00Z')
    await book(doctor.id, start, 'pending')
    const err = await rejection(book(doctor.id, start, 'confirmed'), /UNIQUE constraint failed/)
    expect(isUniqueViolation(err)).toBe(true)
  })

  it('frees the slot once the appointment is cancelled', async () => {
    const { doctor } = await createDoctor()
    const start = new Date('2030-03-15T09:00:00Z')
    const first = await book(doctor.id, start)
    await testDb()
      .update(schema.appointments)
      .set({ status: 'cancelled' })
      .where(eq(schema.appointments.id, first.id))
    const second = await book(doctor.id, start)
    expect(second.status).toBe('confirmed')
  })

  it('refuses an end before the start and an unknown status', async () => {
    const { doctor } = await createDoctor()
    const patient = await createUser()
    const start = new Date('2030-03-16T09:00:00Z')
    const base = { patientId: patient.id, doctorId: doctor.id, type: 'video' as const, reason: 'x' }
    await rejection(
      testDb().insert(schema.appointments).values({ ...base, startAt: start, endAt: start, status: 'confirmed' }),
      /CHECK constraint failed: appointments_range_check/,
    )
    await rejection(
      testDb()
        .insert(schema.appointments)
        .values({ ...base, startAt: start, endAt: new Date(start.getTime() + 1), status: 'lost' as 'pending' }),
      /CHECK constraint failed: appointments_status_check/,
    )
  })
})

describe('reviews', () => {
  it('keeps ratings between 1 and 5', async () => {
    const { doctor } = await createDoctor()
    const patient = await createUser()
    const start = new Date('2030-04-01T09:00:00Z')
    const [appointment] = await testDb()
      .insert(schema.appointments)
      .values({ patientId: patient.id, doctorId: doctor.id, startAt: start, endAt: new Date(start.getTime() + 1800_000), type: 'chat', reason: 'x', status: 'completed' })
      .returning()
    const review = { appointmentId: appointment!.id, patientId: patient.id, doctorId: doctor.id }
    await rejection(testDb().insert(schema.reviews).values({ ...review, rating: 6 }), /CHECK constraint failed: reviews_rating_check/)
    await rejection(testDb().insert(schema.reviews).values({ ...review, rating: 0 }), /CHECK constraint failed: reviews_rating_check/)
    const [ok] = await testDb().insert(schema.reviews).values({ ...review, rating: 5 }).returning()
    expect(ok!.rating).toBe(5)
  })
})
