// From a cancellation to the waitlist offer (issue 19): a doctor with one slot a day, booked; a
// patient waiting for that day; the booked patient cancels. The offer (the slot held, the
// notification and the email with the one-tap link) is written by the cancellation request
// itself, so the time from cancelling to the offer being sent is that request's time. Reported
// as a median over runs, against one baseline request and an ordinary cancellation (nobody
// waiting), with the database round trips of each.
import { createClient } from '@libsql/client'
import { newId } from '../../src/lib/ids'
import { countRoundTrips, medianMs } from './measure'

const RUNS = 15

export async function cancellationToOffer(urlOf: (path: string) => string, database: { url: string; authToken?: string }, statsUrl: string, tokens: { holder: string; waiting: string }) {
  const db = createClient({ url: database.url, authToken: database.authToken })
  const [specialty] = (await db.execute('select id from specialties limit 1')).rows
  const me = async (token: string) => ((await (await fetch(urlOf('/api/v1/auth/me'), { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } }).user.id
  const [holder, waiting] = [await me(tokens.holder), await me(tokens.waiting)]
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  const slot = Date.parse(`${day}T09:00:00Z`)
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })

  // A doctor of one slot a day with it booked by the holder; `waitingToo`: the patient waits.
  async function scene(waitingToo: boolean) {
    const suffix = newId('b').slice(2, 12)
    const userId = newId('usr')
    const doctorId = newId('doc')
    const appointmentId = newId('apt')
    const now = Date.now()
    await db.batch(
      [
        { sql: "insert into users (id, email, name, role, status, created_at, updated_at) values (?, ?, ?, 'doctor', 'active', ?, ?)", args: [userId, `bench-${suffix}@example.test`, `Dr. Bench ${suffix}`, now, now] },
        { sql: "insert into doctors (id, user_id, license_number, specialty_id, status, fee_cents, currency, created_at, updated_at) values (?, ?, ?, ?, 'verified', 0, 'EUR', ?, ?)", args: [doctorId, userId, `BENCH-${suffix}`, String(specialty!.id), now, now] },
        { sql: "insert into availability_settings (doctor_id, timezone, slot_minutes, buffer_minutes, min_notice_minutes, max_advance_days, auto_confirm, updated_at) values (?, 'UTC', 30, 0, 0, 60, 1, ?)", args: [doctorId, now] },
        ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ sql: 'insert into availability_rules (id, doctor_id, weekday, start_minute, end_minute) values (?, ?, ?, 540, 570)', args: [newId('avr'), doctorId, weekday] })),
        { sql: "insert into appointments (id, patient_id, doctor_id, start_at, end_at, type, reason, status, created_at, updated_at) values (?, ?, ?, ?, ?, 'video', 'Bench', 'confirmed', ?, ?)", args: [appointmentId, holder, doctorId, slot, slot + 30 * 60_000, now, now] },
      ],
      'write',
    )
    if (waitingToo) {
      const res = await fetch(urlOf('/api/v1/waitlist'), { method: 'POST', headers: json(tokens.waiting), body: JSON.stringify({ doctor_id: doctorId, from: day, to: day, type: 'video', reason: 'Bench', timezone: 'UTC' }) })
      if (res.status !== 201) throw new Error(`bench waitlist join failed: ${res.status}`)
    }
    return { doctorId, cancel: { url: urlOf(`/api/v1/appointments/${appointmentId}/cancel`), init: { method: 'POST', headers: json(tokens.holder), body: '{}' } } }
  }

  const offersTo = async (doctorId: string) => Number((await db.execute({ sql: "select count(*) as n from slot_offers where doctor_id = ? and patient_id = ? and status = 'open'", args: [doctorId, waiting] })).rows[0]!.n)
  const emailsTo = async () => Number((await db.execute({ sql: "select count(*) as n from email_outbox where tag = 'waitlist-offer' and to_address = (select email from users where id = ?)", args: [waiting] })).rows[0]!.n)

  const measure = async (waitingToo: boolean) => {
    const scenes: Awaited<ReturnType<typeof scene>>[] = []
    for (let i = 0; i < RUNS; i++) scenes.push(await scene(waitingToo))
    let at = 0
    const emailsBefore = await emailsTo()
    const ms = await medianMs(async () => {
      const { cancel } = scenes[at++]!
      const res = await fetch(cancel.url, cancel.init)
      if (res.status !== 200) throw new Error(`bench cancellation failed: ${res.status}`)
    }, RUNS)
    const offered = (await Promise.all(scenes.map((s) => offersTo(s.doctorId)))).filter((n) => n === 1).length
    const emails = (await emailsTo()) - emailsBefore
    const trips = await (async () => {
      const s = await scene(waitingToo)
      return countRoundTrips(s.cancel.url, statsUrl, s.cancel.init)
    })()
    return { ms, offered, emails, trips }
  }
  const baselineMs = await medianMs(async () => void (await (await fetch(urlOf('/api/v1/health/live'))).arrayBuffer()), 15)
  const withOffer = await measure(true)
  const plain = await measure(false)
  db.close()
  return [
    {
      'cancellations': RUNS,
      'offers made (held + notified)': withOffer.offered,
      'offer emails queued': withOffer.emails,
      'cancel → offer sent, median': `${(withOffer.ms / baselineMs).toFixed(1)}x a baseline request`,
      'vs. a cancellation nobody waits for': `${(withOffer.ms / plain.ms).toFixed(2)}x`,
      'db round trips (with offer / without)': `${withOffer.trips} / ${plain.trips}`,
    },
  ]
}
