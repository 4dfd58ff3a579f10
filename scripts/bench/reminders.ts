// The reminder job at scale (issue 16, item 4): 10,000 confirmed visits whose 1-hour reminder is
// due, and one five-minute cron run (through wrangler dev's /__scheduled, as Cloudflare runs it)
// that claims and sends them all. Reported per 1,000 reminders: the database round trips and the
// wall time, net of the same cron run with nothing due; then the same run again, which finds
// nothing to send (every reminder was claimed once).
import { createClient } from '@libsql/client'
import { countRoundTrips } from './measure'

const REMINDERS = 10_000
const CRON = '*/5 * * * *'

export async function reminderJob(appUrl: string, database: { url: string; authToken?: string }, statsUrl: string) {
  const scheduled = `${appUrl}/__scheduled?cron=${encodeURIComponent(CRON)}`
  const db = createClient({ url: database.url, authToken: database.authToken })
  // An empty run first: what the cron's other jobs cost, to take away from the figures below.
  const emptyStarted = performance.now()
  const emptyTrips = await countRoundTrips(scheduled, statsUrl)
  const emptyMs = performance.now() - emptyStarted

  // Visits 30 to 59 minutes from now (so the 1-hour reminder is due), each at its own instant
  // (the live-slot index), for the demo patients with the demo doctors; booked a week ago.
  const [patients, doctors] = await Promise.all([db.execute("select id from users where role = 'patient'"), db.execute("select id from doctors where status = 'verified'")])
  const now = Date.now()
  const weekAgo = now - 7 * 86_400_000
  for (let chunk = 0; chunk < REMINDERS / 500; chunk++) {
    const values: string[] = []
    const args: (string | number)[] = []
    for (let j = 0; j < 500; j++) {
      const i = chunk * 500 + j
      const start = now + 30 * 60_000 + i * 173 // a distinct instant each, within the half hour
      values.push("(?, ?, ?, ?, ?, 'video', 'Benchmark', 'confirmed', ?, ?)")
      args.push(`apt_bench${String(i).padStart(6, '0')}`, String(patients.rows[i % patients.rows.length]!.id), String(doctors.rows[i % doctors.rows.length]!.id), start, start + 30 * 60_000, weekAgo, weekAgo)
    }
    await db.execute({ sql: `insert into appointments (id, patient_id, doctor_id, start_at, end_at, type, reason, status, created_at, updated_at) values ${values.join(', ')}`, args })
  }

  const started = performance.now()
  const trips = await countRoundTrips(scheduled, statsUrl)
  const ms = performance.now() - started
  const sent = Number((await db.execute("select count(*) as n from appointments where id like 'apt_bench%' and reminder_1h_sent_at is not null")).rows[0]!.n)
  const notices = Number((await db.execute("select count(*) as n from notifications where kind = 'reminder'")).rows[0]!.n)
  const againTrips = await countRoundTrips(scheduled, statsUrl)
  const noticesAfter = Number((await db.execute("select count(*) as n from notifications where kind = 'reminder'")).rows[0]!.n)
  // Leave the demo data as it was for whatever runs next.
  await db.execute("delete from notifications where kind = 'reminder'")
  await db.execute("delete from email_outbox where subject like 'Reminder:%'")
  await db.execute("delete from appointments where id like 'apt_bench%'")
  db.close()
  const per1000 = (n: number) => (n / (REMINDERS / 1000)).toFixed(1)
  return [
    {
      'reminders due': REMINDERS,
      'sent in one run': sent,
      'notifications written': notices,
      'db round trips (net)': trips - emptyTrips,
      'round trips per 1,000': per1000(trips - emptyTrips),
      'ms per 1,000 (net)': per1000(ms - emptyMs),
      'second run: round trips, new notices': `${againTrips}, ${noticesAfter - notices}`,
    },
  ]
}
