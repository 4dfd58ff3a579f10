import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createDoctor } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'

describe('the practice pages', () => {
  it('saves working hours from the form, midnight included, and keeps the input when a row is half filled', async () => {
    const { doctor, user } = await createDoctor()
    const cookie = await cookieFor(user)
    const fields = { timezone: 'Europe/Berlin', slot_minutes: '30', buffer_minutes: '0', min_notice_minutes: '60', max_advance_days: '30', auto_confirm: 'on', w1_0_start: '09:00', w1_0_end: '12:00', w5_0_start: '20:00', w5_0_end: '23:59' }
    expect((await postForm('/doctor/availability', cookie, fields)).status).toBe(303)
    const rules = await testDb().select().from(schema.availabilityRules).where(eq(schema.availabilityRules.doctorId, doctor.id))
    expect(rules.map((r) => [r.weekday, r.startMinute, r.endMinute]).sort()).toEqual([[1, 540, 720], [5, 1200, 1440]])
    const half = await postForm('/doctor/availability', cookie, { ...fields, w2_0_start: '10:00' })
    expect(half.status).toBe(422)
    const html = await half.text()
    expect(html).toContain('Give both a start and an end time, or neither.')
    expect(html).toContain('value="10:00"')
  })

  it('adds time off as whole days in the doctor’s zone, lists it and removes it', async () => {
    const { doctor, user } = await createDoctor()
    const cookie = await cookieFor(user)
    const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
    expect((await postForm('/doctor/time-off', cookie, { start: day, end: day, reason: 'Training day' })).status).toBe(303)
    const page = await (await fetchApp('/doctor/time-off', asBrowser(cookie))).text()
    expect(page).toContain('Training day')
    const [row] = await testDb().select().from(schema.timeOff).where(eq(schema.timeOff.doctorId, doctor.id))
    expect(page).toContain(`action="/doctor/time-off/${row!.id}/delete"`)
    expect((await postForm(`/doctor/time-off/${row!.id}/delete`, cookie, {})).status).toBe(303)
    expect(await testDb().select().from(schema.timeOff).where(eq(schema.timeOff.doctorId, doctor.id))).toEqual([])
    // The service finds this one (the zone decides when a day ends); a page answers 422 all the same.
    const bad = await postForm('/doctor/time-off', cookie, { start: '2020-01-01', end: '2020-01-02' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('is in the past')
  })

  it('saves the profile from the form, turning the fee into cents', async () => {
    const { doctor, user } = await createDoctor()
    const cookie = await cookieFor(user)
    const fields = { specialty_id: doctor.specialtyId, city: 'Braga', languages: 'pt, en', fee: '45.50', currency: 'eur', type_video: 'on', duration_video: '20' }
    expect((await postForm('/doctor/profile', cookie, fields)).status).toBe(303)
    const [row] = await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id))
    expect([row!.city, row!.feeCents, row!.currency]).toEqual(['Braga', 4550, 'EUR'])
    const bad = await postForm('/doctor/profile', cookie, { ...fields, fee: 'a lot' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('must be an amount such as 45 or 45.50')
    // A type of its own price: typed beside it, kept, and shown back in the form.
    expect((await postForm('/doctor/profile', cookie, { ...fields, type_chat: 'on', duration_chat: '15', fee_chat: '20' })).status).toBe(303)
    const types = await testDb().select().from(schema.doctorConsultationTypes).where(eq(schema.doctorConsultationTypes.doctorId, doctor.id))
    expect(types.map((t) => [t.type, t.feeCents]).sort()).toEqual([['chat', 2000], ['video', null]])
    expect(await (await fetchApp('/doctor/profile', asBrowser(cookie))).text()).toContain('name="fee_chat" inputmode="decimal" maxlength="10" placeholder="Standard fee" value="20.00"')
    expect((await postForm('/doctor/profile', cookie, { ...fields, fee_video: 'free' })).status).toBe(422)
  })
})

describe('the working-hours editor on a phone', () => {
  it('shows the rows in use and one more, and copies Monday to the weekdays without saving', async () => {
    const { doctor, user } = await createDoctor()
    const cookie = await cookieFor(user)
    const empty = await (await fetchApp('/doctor/availability', asBrowser(cookie))).text()
    // One row a day to start with: 14 time boxes, not 42.
    expect(empty.match(/type="time"/g)).toHaveLength(14)
    const fields = { timezone: 'UTC', slot_minutes: '30', buffer_minutes: '0', min_notice_minutes: '60', max_advance_days: '30', w1_0_start: '09:00', w1_0_end: '12:00', w1_1_start: '14:00', w1_1_end: '17:00' }
    const copied = await postForm('/doctor/availability', cookie, { ...fields, copy_monday: '1' })
    expect(copied.status).toBe(200)
    const html = await copied.text()
    for (const weekday of [2, 3, 4, 5]) {
      expect(html).toContain(`name="w${weekday}_0_start" type="time" value="09:00"`)
      expect(html).toContain(`name="w${weekday}_1_end" type="time" value="17:00"`)
    }
    expect(html).toContain('name="w6_0_start" type="time" value=""')
    expect(await testDb().select().from(schema.availabilityRules).where(eq(schema.availabilityRules.doctorId, doctor.id))).toEqual([])
  })
})
