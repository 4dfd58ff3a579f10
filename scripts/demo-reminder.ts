// npm run demo:reminder — while `npm run dev` runs: a confirmed in-person visit for the demo
// patient Lee Morgan with Dr. Ada Okafor 23 hours from now, booked (as if) a week ago, so its
// 24-hour reminder is due; then the five-minute cron is run, as Cloudflare would run it. Prints
// where to see the reminder. Running it again books another visit (each is reminded once).
import { createClient } from '@libsql/client'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import * as schema from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { CRONS } from '../src/jobs/crons'
import { databaseTarget, localConfig } from './lib/local-config'

const target = databaseTarget()
const db = drizzle(createClient({ url: target.url, authToken: target.authToken }), { schema, casing: 'snake_case' })
const userOf = async (email: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]?.id
const patientId = await userOf('pat.lee@demo.test')
const doctorUserId = await userOf('dr.ada@demo.test')
const [doctor] = doctorUserId ? await db.select({ id: schema.doctors.id }).from(schema.doctors).where(eq(schema.doctors.userId, doctorUserId)) : []
if (!patientId || !doctor) {
  console.error('demo:reminder: the demo accounts are missing; start `npm run dev` (it seeds them) first.')
  process.exit(1)
}
// On a minute boundary, 23 hours ahead (a free instant: the live-slot index allows one visit per start).
const startAt = new Date(Math.ceil((Date.now() + 23 * 3_600_000) / 60_000) * 60_000 + Math.floor(Math.random() * 50) * 60_000)
const weekAgo = new Date(Date.now() - 7 * 86_400_000)
const id = newId('apt')
await db.insert(schema.appointments).values({ id, patientId, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'in_person', reason: 'Demo check-up', status: 'confirmed', createdAt: weekAgo, updatedAt: weekAgo })
const app = `http://localhost:${localConfig.appPort}`
const ran = await fetch(`${app}/__scheduled?cron=${encodeURIComponent(CRONS.everyFiveMinutes)}`).catch(() => undefined)
if (!ran?.ok) {
  console.error(`demo:reminder: the visit is booked (${id}), but ${app} did not run the cron; is npm run dev running?`)
  process.exit(1)
}
console.log(`demo:reminder: visit ${id} at ${startAt.toISOString()}; the cron ran and sent its 24-hour reminder.`)
console.log(`See it at ${app}/dev/outbox, and under Notifications signed in as pat.lee@demo.test (password "mediconnect-demo").`)
