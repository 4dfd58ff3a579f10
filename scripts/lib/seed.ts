import { createClient } from '@libsql/client'
import { eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import * as schema from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { hashPassword } from '../../src/lib/password'
import { addDays, instantFromWallTime, isoWeekday, wallTimeIn } from '../../src/lib/time'
import type { DatabaseTarget } from './migrate'
import { recordStatements } from './seed-records'
import { careStatements } from './seed-care'

export const DEMO_PASSWORD = 'mediconnect-demo'

const SPECIALTIES = [
  ['General Practice', 'general-practice'],
  ['Cardiology', 'cardiology'],
  ['Dermatology', 'dermatology'],
  ['Pediatrics', 'pediatrics'],
  ['Psychiatry', 'psychiatry'],
  ['Gynecology', 'gynecology'],
  ['Orthopedics', 'orthopedics'],
  ['Neurology', 'neurology'],
] as const

type DemoDoctor = {
  email: string
  // Where in-person visits take place (every demo doctor offers them).
  practiceAddress: string
  name: string
  specialty: (typeof SPECIALTIES)[number][1]
  city: string
  timezone: string
  languages: string[]
  feeCents: number
  currency: string
  autoConfirm: boolean
  bio: string
}

// Time zones chosen so the slot engine meets DST in both hemispheres' directions and a 30-minute
// offset (Asia/Kolkata).
const DOCTORS: DemoDoctor[] = [
  { email: 'dr.ada@demo.test', name: 'Dr. Ada Okafor', specialty: 'general-practice', city: 'Berlin', practiceAddress: 'Kastanienallee 40, 10119', timezone: 'Europe/Berlin', languages: ['en', 'de'], feeCents: 4500, currency: 'EUR', autoConfirm: true, bio: 'Family doctor with fifteen years in general practice. Calm, thorough, and happy to explain.' },
  { email: 'dr.ben@demo.test', name: 'Dr. Ben Carter', specialty: 'cardiology', city: 'New York', practiceAddress: '210 West 54th Street, NY 10019', timezone: 'America/New_York', languages: ['en', 'es'], feeCents: 12000, currency: 'USD', autoConfirm: false, bio: 'Cardiologist focused on prevention, blood pressure and heart rhythm problems.' },
  { email: 'dr.chen@demo.test', name: 'Dr. Mei Chen', specialty: 'dermatology', city: 'Mumbai', practiceAddress: '14 Hill Road, Bandra West, 400050', timezone: 'Asia/Kolkata', languages: ['en', 'hi', 'zh'], feeCents: 3000, currency: 'USD', autoConfirm: true, bio: 'Dermatologist for skin, hair and nail conditions; photos welcome before the visit.' },
  { email: 'dr.diaz@demo.test', name: 'Dr. Lucia Diaz', specialty: 'pediatrics', city: 'Los Angeles', practiceAddress: '1200 Sunset Boulevard, CA 90026', timezone: 'America/Los_Angeles', languages: ['en', 'es'], feeCents: 8000, currency: 'USD', autoConfirm: true, bio: 'Pediatrician caring for newborns to teenagers, with a soft spot for worried parents.' },
  { email: 'dr.evans@demo.test', name: 'Dr. Tom Evans', specialty: 'psychiatry', city: 'London', practiceAddress: '22 Harley Street, W1G 9PL', timezone: 'Europe/London', languages: ['en'], feeCents: 9000, currency: 'GBP', autoConfirm: false, bio: 'Psychiatrist for anxiety, depression and sleep; video or chat, as you prefer.' },
]

const PATIENTS = [
  { email: 'pat.sam@demo.test', name: 'Sam Patel', phone: '+49 30 1234567', timezone: 'Europe/Berlin' },
  { email: 'pat.lee@demo.test', name: 'Lee Morgan', phone: '+1 212 555 0101', timezone: 'America/New_York' },
  { email: 'pat.kim@demo.test', name: 'Kim Novak', phone: '+44 20 7946 0000', timezone: 'Europe/London' },
]

const ADMINS = [
  { email: 'admin@demo.test', name: 'Alex Admin', adminRole: 'super' as const },
  { email: 'clinic@demo.test', name: 'Casey Clinic', adminRole: 'clinic' as const },
  { email: 'support@demo.test', name: 'Sasha Support', adminRole: 'support' as const },
]

const PENDING_DOCTOR = { email: 'dr.pending@demo.test', name: 'Dr. Pat Pending' }

// Mon–Fri 09:00–12:00 and 13:00–17:00 in the doctor's own zone.
const WEEKLY_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
  { weekday, startMinute: 13 * 60, endMinute: 17 * 60 },
])

// The n-th weekday from today (negative: in the past) at a wall time in the doctor's zone.
function workdayAt(timezone: string, offsetWorkdays: number, minuteOfDay: number, now: Date) {
  const today = wallTimeIn(now, timezone)
  let date = { year: today.year, month: today.month, day: today.day }
  let remaining = Math.abs(offsetWorkdays)
  const step = Math.sign(offsetWorkdays) || 1
  while (remaining > 0) {
    date = addDays(date, step)
    if (isoWeekday(date) <= 5) remaining--
  }
  return instantFromWallTime(date, minuteOfDay, timezone)
}

// `encryptionKeys`: the ENCRYPTION_KEYS the local Worker gets, so it can read the demo records.
export async function seedDatabase(target: DatabaseTarget, encryptionKeys: string, now = new Date()) {
  const client = createClient({ url: target.url, authToken: target.authToken })
  const db = drizzle(client, { schema, casing: 'snake_case' })
  try {
    const existing = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, ADMINS[0]!.email))
    if (existing.length > 0) return { seeded: false }

    // One hash for every demo account: they share the published demo password anyway.
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    const verified = now

    const specialtyRows = SPECIALTIES.map(([name, slug]) => ({ id: newId('spc'), name, slug }))
    const specialtyId = (slug: string) => specialtyRows.find((s) => s.slug === slug)!.id

    // Two clinics: the clinic admin runs the European one (Dr. Okafor and Dr. Evans); Dr. Carter
    // and Dr. Diaz are the American one's; Dr. Chen practises on her own.
    const clinicRows = [
      { id: newId('cln'), name: 'MediConnect Europe', address: 'Kastanienallee 40, 10119 Berlin', phone: '+49 30 5550100', email: 'berlin@demo.test' },
      { id: newId('cln'), name: 'Harbour Health America', address: '210 West 54th Street, New York, NY 10019', phone: '+1 212 555 0100', email: 'newyork@demo.test' },
    ]
    const CLINIC_OF: Record<string, string> = { 'dr.ada@demo.test': clinicRows[0]!.id, 'dr.evans@demo.test': clinicRows[0]!.id, 'dr.ben@demo.test': clinicRows[1]!.id, 'dr.diaz@demo.test': clinicRows[1]!.id }
    const adminRows = ADMINS.map((a) => ({ id: newId('usr'), email: a.email, name: a.name, role: 'admin' as const, adminRole: a.adminRole, clinicId: a.adminRole === 'clinic' ? clinicRows[0]!.id : null, passwordHash, emailVerifiedAt: verified }))
    const patientRows = PATIENTS.map((p) => ({ id: newId('usr'), email: p.email, name: p.name, phone: p.phone, role: 'patient' as const, passwordHash, emailVerifiedAt: verified }))
    const doctorUsers = [...DOCTORS, PENDING_DOCTOR].map((d) => ({ id: newId('usr'), email: d.email, name: d.name, role: 'doctor' as const, passwordHash, emailVerifiedAt: verified }))
    const superAdminId = adminRows[0]!.id

    const doctorRows = DOCTORS.map((d, i) => ({
      id: newId('doc'),
      userId: doctorUsers[i]!.id,
      licenseNumber: `DEMO-${1000 + i}`,
      specialtyId: specialtyId(d.specialty),
      status: 'verified' as const,
      verifiedAt: verified,
      verifiedBy: superAdminId,
      bio: d.bio,
      city: d.city,
      practiceAddress: d.practiceAddress,
      feeCents: d.feeCents,
      currency: d.currency,
      clinicId: CLINIC_OF[d.email] ?? null,
      // Dr. Diaz takes payment when a visit is booked (README: "Try paying for a visit").
      chargeUpFront: d.email === 'dr.diaz@demo.test',
      // Dr. Evans's licence lapses in three weeks: the console warns of it.
      licenseExpiresOn: new Date(now.getTime() + (d.email === 'dr.evans@demo.test' ? 21 : 400) * 86_400_000).toISOString().slice(0, 10),
    }))
    const pendingDoctor = {
      id: newId('doc'),
      userId: doctorUsers[DOCTORS.length]!.id,
      licenseNumber: 'DEMO-PENDING-1',
      specialtyId: specialtyId('neurology'),
      status: 'pending' as const,
      bio: 'Neurologist awaiting verification.',
      qualifications: 'MD, board certified in neurology',
      city: 'Chicago',
      feeCents: 10000,
      currency: 'USD',
    }

    const ada = doctorRows[0]!
    const ben = doctorRows[1]!
    const evans = doctorRows[4]!
    const [sam, lee, kim] = patientRows as [typeof patientRows[0], typeof patientRows[0], typeof patientRows[0]]
    const minutes30 = 30 * 60_000
    const appt = (
      patient: { id: string },
      doctor: { id: string },
      timezone: string,
      workdays: number,
      minuteOfDay: number,
      status: (typeof schema.APPOINTMENT_STATUSES)[number],
      reason: string,
      type: 'video' | 'chat' | 'in_person' = 'video',
    ) => {
      const startAt = workdayAt(timezone, workdays, minuteOfDay, now)
      return { id: newId('apt'), patientId: patient.id, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + minutes30), type, reason, status }
    }
    const appointmentRows = [
      appt(sam, ada, 'Europe/Berlin', 2, 10 * 60, 'confirmed', 'Persistent cough for two weeks'),
      appt(sam, ben, 'America/New_York', 3, 14 * 60, 'pending', 'Follow-up on blood pressure readings'),
      appt(sam, ada, 'Europe/Berlin', -5, 9 * 60 + 30, 'completed', 'Sore throat and fever'),
      appt(sam, ada, 'Europe/Berlin', -3, 11 * 60, 'cancelled', 'Vaccination questions', 'chat'),
      appt(lee, ben, 'America/New_York', -2, 15 * 60, 'no_show', 'Chest tightness after exercise'),
      appt(lee, ben, 'America/New_York', 4, 9 * 60, 'rejected', 'Second opinion on ECG'),
      appt(kim, evans, 'Europe/London', 1, 13 * 60 + 30, 'confirmed', 'Trouble sleeping', 'chat'),
      appt(kim, ada, 'Europe/Berlin', -8, 16 * 60, 'completed', 'Rash on forearm', 'in_person'),
    ]
    const completed = appointmentRows.filter((a) => a.status === 'completed')
    const samTicket = newId('tkt')
    const records = await recordStatements(db, encryptionKeys, { sam: sam.id, kim: kim.id, ada: ada.id, samVisit: appointmentRows[2]! })
    const reviewRows = completed.map((a, i) => ({
      id: newId('rev'),
      appointmentId: a.id,
      patientId: a.patientId,
      doctorId: a.doctorId,
      rating: i === 0 ? 5 : 4,
      comment: i === 0 ? 'Listened carefully and explained everything.' : 'Quick and helpful.',
    }))

    const care = await careStatements(db, encryptionKeys, { samNextVisit: appointmentRows[0]!.id, samReview: reviewRows[0]!.id, lee: lee.id, ada: ada.id, now })
    await db.batch([
      db.insert(schema.specialties).values(specialtyRows),
      db.insert(schema.clinics).values(clinicRows),
      db.insert(schema.users).values([...adminRows, ...patientRows, ...doctorUsers]),
      db.insert(schema.doctors).values([...doctorRows, pendingDoctor]),
      db.insert(schema.doctorLanguages).values(
        DOCTORS.flatMap((d, i) => d.languages.map((language) => ({ doctorId: doctorRows[i]!.id, language }))),
      ),
      db.insert(schema.doctorConsultationTypes).values(
        doctorRows.flatMap((d) => [
          { doctorId: d.id, type: 'video' as const, durationMinutes: 30 },
          { doctorId: d.id, type: 'chat' as const, durationMinutes: 30 },
          { doctorId: d.id, type: 'in_person' as const, durationMinutes: 30 },
        ]),
      ),
      db.insert(schema.availabilitySettings).values(
        DOCTORS.map((d, i) => ({
          doctorId: doctorRows[i]!.id,
          timezone: d.timezone,
          slotMinutes: 30,
          bufferMinutes: i % 2 === 0 ? 0 : 10,
          minNoticeMinutes: 120,
          maxAdvanceDays: 60,
          autoConfirm: d.autoConfirm,
        })),
      ),
      db.insert(schema.availabilityRules).values(
        doctorRows.flatMap((d) => WEEKLY_HOURS.map((h) => ({ ...h, doctorId: d.id }))),
      ),
      db.insert(schema.patientProfiles).values(
        PATIENTS.map((p, i) => ({ userId: patientRows[i]!.id, timezone: p.timezone, preferredLanguage: 'en' })),
      ),
      db.insert(schema.appointments).values(appointmentRows),
      db.insert(schema.reviews).values(reviewRows),
      // Plans doctors may subscribe to (README: "Try a plan and payouts").
      db.insert(schema.subscriptionPlans).values([
        { name: 'Essential', priceCents: 1900, currency: 'USD', commissionPercent: 8, maxConsultationTypes: null, features: [] },
        { name: 'Professional', priceCents: 4900, currency: 'USD', commissionPercent: 5, maxConsultationTypes: null, features: ['featured_listing'] },
      ]),
      // One support ticket from Sam about his visit with Dr. Okafor, answered once by support.
      db.insert(schema.supportTickets).values({ id: samTicket, userId: sam.id, category: 'technical', subject: 'The calendar file does not open on my phone', description: 'I tapped "Add to calendar" for my visit and my phone says the file cannot be opened.', appointmentId: appointmentRows[0]!.id, status: 'waiting', firstResponseAt: new Date(now.getTime() - 3_600_000), createdAt: new Date(now.getTime() - 5_400_000), updatedAt: new Date(now.getTime() - 3_600_000) }),
      db.insert(schema.supportTicketMessages).values({ ticketId: samTicket, authorId: adminRows.find((a) => a.adminRole === 'support')!.id, body: 'Thanks, Sam. Which phone and calendar app do you use? Meanwhile the private calendar feed under Appointments works in every app.', createdAt: new Date(now.getTime() - 3_600_000) }),
      ...records,
      ...care,
      // Ratings are denormalised onto doctors for search; recompute them from the reviews.
      db.run(sql`update doctors set
        rating_average = (select avg(rating) from reviews where reviews.doctor_id = doctors.id and reviews.status = 'published'),
        review_count = (select count(*) from reviews where reviews.doctor_id = doctors.id and reviews.status = 'published')`),
    ])
    return {
      seeded: true,
      counts: {
        users: adminRows.length + patientRows.length + doctorUsers.length,
        doctors: doctorRows.length + 1,
        appointments: appointmentRows.length,
      },
    }
  } finally {
    client.close()
  }
}
