import { createClient, type InStatement } from '@libsql/client'
import { newId } from '../../src/lib/ids'
import type { DatabaseTarget } from './migrate'

// npm run db:seed:large: a platform at the scale the admin console must hold — 20,000 users
// (200 of them doctors, in 10 clinics), 100,000 appointments over the past year and the next two
// months, and a year of audit rows (300 a day). Plain multi-row INSERTs over the same HTTP
// protocol as everything else, a few thousand rows a round trip. Accounts have no password (they
// exist to be listed, filtered and counted). Seeds once: a second run finds its marker and stops.

export const LARGE = { users: 20_000, doctors: 200, clinics: 10, appointments: 100_000, auditPerDay: 300 } as const
const MARKER_EMAIL = 'large-00000@seed.test'
const DAY = 86_400_000
const ROWS_PER_INSERT = 400
const INSERTS_PER_BATCH = 10

// Deterministic "random" numbers, so two runs make the same platform.
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function inserts(table: string, columns: string[], rows: unknown[][]): InStatement[] {
  const statements: InStatement[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT)
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')
    statements.push({ sql: `insert into ${table} (${columns.join(', ')}) values ${placeholders}`, args: chunk.flat() as never[] })
  }
  return statements
}

export async function seedLarge(target: DatabaseTarget, now = new Date(), log: (line: string) => void = () => {}) {
  const client = createClient({ url: target.url, authToken: target.authToken })
  try {
    const marker = await client.execute({ sql: 'select 1 from users where email = ?', args: [MARKER_EMAIL] })
    if (marker.rows.length) return { seeded: false as const }
    const rand = random(42)
    const t = now.getTime()
    let specialties = (await client.execute('select id from specialties where active = 1')).rows.map((r) => String(r.id))
    const statements: InStatement[] = []
    if (specialties.length === 0) {
      specialties = ['General Practice', 'Cardiology', 'Dermatology', 'Pediatrics'].map(() => newId('spc'))
      statements.push(...inserts('specialties', ['id', 'name', 'slug', 'active', 'created_at'], specialties.map((id, i) => [id, `Specialty ${i + 1}`, `specialty-${i + 1}`, 1, t])))
    }

    const clinics = Array.from({ length: LARGE.clinics }, (_, i) => [newId('cln'), `Seed Clinic ${String(i + 1).padStart(2, '0')}`, `${i + 1} Seed Street`, null, null, t, t])
    statements.push(...inserts('clinics', ['id', 'name', 'address', 'phone', 'email', 'created_at', 'updated_at'], clinics))

    // Users: the first LARGE.doctors are doctors, the rest patients; joined over the past year.
    const users = Array.from({ length: LARGE.users }, (_, i) => {
      const doctor = i < LARGE.doctors
      const created = t - Math.floor(rand() * 365 * DAY)
      const name = `${doctor ? 'Dr. ' : ''}${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`
      return [newId('usr'), `large-${String(i).padStart(5, '0')}@seed.test`, name, doctor ? 'doctor' : 'patient', rand() < 0.97 ? 'active' : 'deactivated', rand() < 0.9 ? created : null, created, created]
    })
    statements.push(...inserts('users', ['id', 'email', 'name', 'role', 'status', 'email_verified_at', 'created_at', 'updated_at'], users))

    // Doctors: nineteen in twenty in a clinic; a few pending; licences lapsing over the next two years.
    const doctors = users.slice(0, LARGE.doctors).map((u, i) => {
      const status = i % 25 === 0 ? 'pending' : 'verified'
      const expires = new Date(t + Math.floor(rand() * 730 - 30) * DAY).toISOString().slice(0, 10)
      return [newId('doc'), u[0], `SEED-${10000 + i}`, specialties[i % specialties.length], status, status === 'verified' ? t : null, i % 20 === 19 ? null : clinics[i % LARGE.clinics]![0], expires, u[6], u[6]]
    })
    statements.push(...inserts('doctors', ['id', 'user_id', 'license_number', 'specialty_id', 'status', 'verified_at', 'clinic_id', 'license_expires_on', 'created_at', 'updated_at'], doctors))
    statements.push(...inserts('availability_settings', ['doctor_id', 'timezone', 'updated_at'], doctors.map((d) => [d[0], 'UTC', t])))
    statements.push(...inserts('availability_rules', ['id', 'doctor_id', 'weekday', 'start_minute', 'end_minute'], doctors.flatMap((d) => [1, 2, 3, 4, 5].map((weekday) => [newId('avr'), d[0], weekday, 9 * 60, 17 * 60]))))

    // Appointments: each doctor's 500 on distinct days and half-hours, a year back to two months on.
    const patients = users.slice(LARGE.doctors)
    const perDoctor = LARGE.appointments / LARGE.doctors
    const appointments: unknown[][] = []
    doctors.forEach((d, j) => {
      for (let i = 0; i < perDoctor; i++) {
        const day = Math.floor(t / DAY) - 365 + Math.floor((i * 425) / perDoctor)
        const start = day * DAY + 9 * 3_600_000 + ((i * 7 + j) % 16) * 1_800_000
        const past = start < t
        const r = rand()
        const status = past ? (r < 0.75 ? 'completed' : r < 0.82 ? 'no_show' : r < 0.95 ? 'cancelled' : 'rejected') : r < 0.7 ? 'confirmed' : r < 0.9 ? 'pending' : 'cancelled'
        const created = Math.min(t, start - Math.floor(rand() * 30 * DAY) - 3_600_000)
        const patient = patients[Math.floor(rand() * patients.length)]!
        appointments.push([newId('apt'), patient[0], d[0], start, start + 1_800_000, TYPES[i % 3], 'Seeded visit', status, created, created])
      }
    })
    statements.push(...inserts('appointments', ['id', 'patient_id', 'doctor_id', 'start_at', 'end_at', 'type', 'reason', 'status', 'created_at', 'updated_at'], appointments))

    // A year of audit rows, oldest first (as they would have been written).
    const audit: unknown[][] = []
    for (let day = 365; day > 0; day--) {
      for (let k = 0; k < LARGE.auditPerDay; k++) {
        const actor = users[Math.floor(rand() * users.length)]!
        const subject = patients[Math.floor(rand() * patients.length)]!
        const action = ACTIONS[k % ACTIONS.length]!
        audit.push([newId('aud'), actor[0], actor[3], action, action === 'record.read' ? 'patient_profile' : 'user', subject[0], subject[0], `10.0.${k % 256}.${day % 256}`, t - day * DAY + k * 1000])
      }
    }
    statements.push(...inserts('audit_log', ['id', 'actor_user_id', 'actor_role', 'action', 'entity_type', 'entity_id', 'subject_user_id', 'ip', 'created_at'], audit))

    for (let i = 0; i < statements.length; i += INSERTS_PER_BATCH) {
      await client.batch(statements.slice(i, i + INSERTS_PER_BATCH), 'write')
      if (i % (INSERTS_PER_BATCH * 50) === 0) log(`seed:large: ${Math.round((i / statements.length) * 100)} %`)
    }
    return { seeded: true as const, counts: { clinics: clinics.length, users: users.length, doctors: doctors.length, appointments: appointments.length, audit_rows: audit.length } }
  } finally {
    client.close()
  }
}

const TYPES = ['video', 'chat', 'in_person'] as const
const ACTIONS = ['record.read', 'auth.login.succeeded', 'record.read', 'appointment.booked', 'auth.login.failed', 'record.read'] as const
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun', 'Kemi', 'Luca', 'Maya', 'Nils', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara']
const LAST = ['Okafor', 'Carter', 'Nguyen', 'Patel', 'Schmidt', 'Silva', 'Kowalski', 'Haddad', 'Tanaka', 'Moreau', 'Larsen', 'Costa', 'Novak', 'Ibrahim', 'Fischer']
