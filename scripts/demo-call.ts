// npm run demo:call — while `npm run dev` runs: a confirmed video appointment between the demo
// patient Kim Novak and Dr. Tom Evans starting in five minutes, so its call room is open now
// (it opens CALL_OPENS_MINUTES_BEFORE = 15 minutes before the start). Prints where to go.
import { createClient } from '@libsql/client'
import { and, eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import * as schema from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { databaseTarget, localConfig } from './lib/local-config'

const target = databaseTarget()
const db = drizzle(createClient({ url: target.url, authToken: target.authToken }), { schema, casing: 'snake_case' })
const emailOf = async (email: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]?.id
const patientId = await emailOf('pat.kim@demo.test')
const doctorUserId = await emailOf('dr.evans@demo.test')
const [doctor] = doctorUserId ? await db.select({ id: schema.doctors.id }).from(schema.doctors).where(and(eq(schema.doctors.userId, doctorUserId))) : []
if (!patientId || !doctor) {
  console.error('demo:call: the demo accounts are missing; start `npm run dev` (it seeds them) first.')
  process.exit(1)
}
// On a minute boundary five minutes ahead, so it does not collide with a slot already taken.
const startAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000)
const id = newId('apt')
await db.insert(schema.appointments).values({ id, patientId, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Demo video visit', status: 'confirmed' })
const url = `http://localhost:${localConfig.appPort}/appointments/${id}/call`
console.log(`demo:call: appointment ${id} starts at ${startAt.toISOString()}.`)
console.log(`Open ${url} signed in as pat.kim@demo.test in one browser and as dr.evans@demo.test in another (password "mediconnect-demo").`)
