import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

const DAY = 86_400_000
type Review = { id: string; rating: number; author: string; status: string; reply: string | null }
type Reviews = { rating: number | null; review_count: number; distribution: { stars: number; count: number }[]; items: Review[]; next_cursor: string | null }

async function visit(doctorId: string, options: { status?: 'completed' | 'confirmed'; daysAgo?: number; name?: string } = {}) {
  const patient = await createUser({ role: 'patient', name: options.name ?? 'Sam Patel' })
  const startAt = new Date(Date.now() - (options.daysAgo ?? 2) * DAY)
  const appointment = await createAppointment(doctorId, patient.id, { startAt, status: options.status ?? 'completed' })
  return { patient, token: await tokenFor(patient), appointment }
}

const review = (token: string, appointmentId: string, body: Record<string, unknown>) => callApi(token, `/api/v1/appointments/${appointmentId}/review`, 'POST', body)
const publicReviews = async (doctorId: string) => (await (await fetchApp(`/api/v1/doctors/${doctorId}/reviews`)).json()) as Reviews
const ratingOf = async (doctorId: string) => (await testDb().select({ rating: schema.doctors.ratingAverage, count: schema.doctors.reviewCount }).from(schema.doctors).where(eq(schema.doctors.id, doctorId)))[0]!

describe('reviews', () => {
  it('lets the patient review a completed visit once, within 60 days, shown by first name and initial', async () => {
    const { doctor } = await createDoctor()
    const upcoming = await visit(doctor.id, { status: 'confirmed' })
    const early = await review(upcoming.token, upcoming.appointment.id, { rating: 5 })
    expect(early.status).toBe(409)
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('not_reviewable')

    const done = await visit(doctor.id)
    const stranger = await tokenFor(await createUser({ role: 'patient' }))
    expect((await review(stranger, done.appointment.id, { rating: 1 })).status).toBe(404)
    expect((await review(done.token, done.appointment.id, { rating: 6 })).status).toBe(400)
    const first = await review(done.token, done.appointment.id, { rating: 4, comment: 'Listened carefully and explained the plan.' })
    expect(first.status).toBe(201)
    expect(((await first.json()) as { review: Review }).review).toMatchObject({ rating: 4, author: 'Sam P.', status: 'published' })
    const twice = await review(done.token, done.appointment.id, { rating: 1 })
    expect(twice.status).toBe(409)
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('already_reviewed')

    const old = await visit(doctor.id, { daysAgo: 61 })
    expect((await review(old.token, old.appointment.id, { rating: 5 })).status).toBe(409)
    const anonymous = await visit(doctor.id, { name: 'Alex Brown' })
    expect((await review(anonymous.token, anonymous.appointment.id, { rating: 2, anonymous: true })).status).toBe(201)

    const listed = await publicReviews(doctor.id)
    expect(listed).toMatchObject({ rating: 3, review_count: 2 })
    expect(listed.items.map((r) => r.author).sort()).toEqual(['Anonymous', 'Sam P.'])
    expect(listed.distribution).toEqual([
      { stars: 5, count: 0 },
      { stars: 4, count: 1 },
      { stars: 3, count: 0 },
      { stars: 2, count: 1 },
      { stars: 1, count: 0 },
    ])
    // Search by minimum rating uses the kept rating.
    expect(await ratingOf(doctor.id)).toEqual({ rating: 3, count: 2 })
    const page = await (await fetchApp(`/doctors/${doctor.id}`)).text()
    expect(page).toContain('Listened carefully and explained the plan.')
    expect(page).toContain('All 2 reviews')
  })

  it('keeps the rating right under concurrent reviews', async () => {
    const { doctor } = await createDoctor()
    const visits = await Promise.all(Array.from({ length: 12 }, () => visit(doctor.id)))
    const ratings = visits.map((_, i) => (i % 5) + 1)
    const answers = await Promise.all(visits.map((v, i) => review(v.token, v.appointment.id, { rating: ratings[i] })))
    expect(answers.map((a) => a.status)).toEqual(visits.map(() => 201))
    const { rating, count } = await ratingOf(doctor.id)
    expect(count).toBe(12)
    expect(rating).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / 12, 10)
  })

  it('holds reviews with flagged words and reported ones for moderators, who publish or hide them with a reason (audited)', async () => {
    const { doctor } = await createDoctor()
    const flagged = await visit(doctor.id)
    const held = await review(flagged.token, flagged.appointment.id, { rating: 1, comment: 'This clinic is a SCAM.' })
    expect(((await held.json()) as { review: Review }).review.status).toBe('flagged')
    expect((await publicReviews(doctor.id)).items).toEqual([])
    expect(await ratingOf(doctor.id)).toEqual({ rating: null, count: 0 })

    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const queue = async () => ((await (await callApi(support, '/api/v1/admin/reviews?status=queue')).json()) as { items: Review[] }).items.map((r) => r.id)
    const heldId = ((await moderatedReviewsOf(doctor.id, 'flagged', support))[0] as Review).id
    expect(await queue()).toContain(heldId)
    expect((await callApi(support, `/api/v1/admin/reviews/${heldId}/publish`, 'POST', {})).status).toBe(400)
    const published = await callApi(support, `/api/v1/admin/reviews/${heldId}/publish`, 'POST', { reason: 'Strong words, but about the visit.' })
    expect(published.status).toBe(200)
    expect(await ratingOf(doctor.id)).toEqual({ rating: 1, count: 1 })
    expect(await queue()).not.toContain(heldId)

    // A report sends it back to the queue; hidden, it leaves the page and the rating.
    const reader = await tokenFor(await createUser({ role: 'patient' }))
    expect((await callApi(reader, `/api/v1/reviews/${heldId}/report`, 'POST', { reason: 'Names a staff member' })).status).toBe(204)
    expect(await queue()).toContain(heldId)
    expect((await callApi(support, `/api/v1/admin/reviews/${heldId}/hide`, 'POST', { reason: 'Names a member of staff' })).status).toBe(200)
    expect((await publicReviews(doctor.id)).items).toEqual([])
    expect(await ratingOf(doctor.id)).toEqual({ rating: null, count: 0 })
    const audit = await testDb().select({ action: schema.auditLog.action }).from(schema.auditLog).where(and(eq(schema.auditLog.entityType, 'review'), eq(schema.auditLog.entityId, heldId)))
    expect(audit.map((a) => a.action).sort()).toEqual(['review.hidden', 'review.published'])

    // Moderation is support's and super admins' work only.
    const clinic = await tokenFor(await createClinicAdmin())
    expect((await callApi(clinic, '/api/v1/admin/reviews')).status).toBe(403)
    expect((await callApi(flagged.token, `/api/v1/admin/reviews/${heldId}/publish`, 'POST', { reason: 'Mine' })).status).toBe(403)
  })

  it('lets the doctor reply once; nobody else may', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const done = await visit(doctor.id)
    const { review: written } = (await (await review(done.token, done.appointment.id, { rating: 5, comment: 'Kind and clear.' })).json()) as { review: Review }
    const doctorToken = await tokenFor(doctorUser)
    const other = await createDoctor()
    expect((await callApi(await tokenFor(other.user), `/api/v1/reviews/${written.id}/reply`, 'POST', { reply: 'Not mine' })).status).toBe(404)
    const reply = await callApi(doctorToken, `/api/v1/reviews/${written.id}/reply`, 'POST', { reply: 'Thank you, take care.' })
    expect(reply.status).toBe(200)
    expect((await callApi(doctorToken, `/api/v1/reviews/${written.id}/reply`, 'POST', { reply: 'Again' })).status).toBe(409)
    expect((await publicReviews(doctor.id)).items[0]).toMatchObject({ reply: 'Thank you, take care.' })
    const told = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, done.patient.id), eq(schema.notifications.kind, 'review')))
    expect(told).toHaveLength(1)
    expect(((await (await callApi(doctorToken, '/api/v1/doctor/reviews')).json()) as { items: Review[] }).items).toHaveLength(1)
  })
})

async function moderatedReviewsOf(doctorId: string, status: string, moderator: string) {
  const { items } = (await (await callApi(moderator, `/api/v1/admin/reviews?status=${status}`)).json()) as { items: (Review & { doctor_id: string })[] }
  return items.filter((r) => r.doctor_id === doctorId)
}
