// npm run bench — weight, database round trips and relative throughput of every page and endpoint
// in targets.ts, against the real local stack (wrangler dev + local libSQL, seeded); then the
// booking journey on a slow network, and the chat under load (chat.ts).
import { startLocalStack } from '../lib/stack'
import { hashPassword } from '../../src/lib/password'
import { DEMO_PASSWORD } from '../lib/seed'
import { countRoundTrips, measureThroughput, measureWeight, medianMs } from './measure'
import { bookingJourney } from './journey'
import { chatLoad } from './chat'
import { denseSchedule } from './dense-schedule'
import { reminderJob } from './reminders'
import { cancellationToOffer } from './waitlist'
import { adminAtScale } from './scale'
import { BASELINE, TARGETS, type BenchTarget, type DemoIds } from './targets'

// The demo cardiologist and a free slot of theirs three or more days ahead; the demo patient
// (whose record the cardiologist may read: he has a request with him) and their prescription.
async function demoIds(urlOf: (path: string) => string, patientToken: string): Promise<DemoIds> {
  const asPatient = { headers: { authorization: `Bearer ${patientToken}` } }
  const me = (await (await fetch(urlOf('/api/v1/auth/me'), asPatient)).json()) as { user: { id: string } }
  const prescriptions = (await (await fetch(urlOf('/api/v1/prescriptions'), asPatient)).json()) as { items: { id: string }[] }
  const search = (await (await fetch(urlOf('/api/v1/doctors?specialty=cardiology'))).json()) as { items: { id: string }[] }
  const doctorId = search.items[0]!.id
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  const slots = (await (await fetch(urlOf(`/api/v1/doctors/${doctorId}/slots?from=${from}`))).json()) as { slots: { start: string }[] }
  // The patient's next visit with Dr. Okafor, whose questionnaire answers the demo data has.
  const upcoming = (await (await fetch(urlOf('/api/v1/appointments?scope=upcoming'), asPatient)).json()) as { items: { id: string; has_intake: boolean }[] }
  const intakeAppointmentId = upcoming.items.find((a) => a.has_intake)!.id
  return { doctorId, slotStart: slots.slots[0]!.start, patientId: me.user.id, prescriptionId: prescriptions.items[0]!.id, intakeAppointmentId, ...(await paymentIds(urlOf, patientToken)) }
}

// Two visits with Dr. Diaz (she charges up front): one held, its payment due (the checkout page);
// one paid on the local test page (its receipt).
async function paymentIds(urlOf: (path: string) => string, patientToken: string) {
  const json = { authorization: `Bearer ${patientToken}`, 'content-type': 'application/json' }
  const diaz = ((await (await fetch(urlOf('/api/v1/doctors?q=Diaz'))).json()) as { items: { id: string }[] }).items[0]!.id
  const from = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10)
  const slots = ((await (await fetch(urlOf(`/api/v1/doctors/${diaz}/slots?from=${from}`))).json()) as { slots: { start: string }[] }).slots
  const book = async (start: string) => {
    const res = await fetch(urlOf('/api/v1/appointments'), { method: 'POST', headers: json, body: JSON.stringify({ doctor_id: diaz, start, type: 'video', reason: 'Bench check-up' }) })
    if (res.status !== 201) throw new Error(`bench booking failed: ${res.status}`)
    return ((await res.json()) as { appointment: { id: string } }).appointment.id
  }
  const heldAppointmentId = await book(slots[0]!.start)
  const paid = await book(slots[1]!.start)
  const form = { cookie: `__Host-mc_session=${patientToken}`, origin: new URL(urlOf('/')).origin, 'content-type': 'application/x-www-form-urlencoded' }
  await fetch(urlOf(`/appointments/${paid}/pay`), { method: 'POST', headers: form, body: 'outcome=pay', redirect: 'manual' })
  const payments = ((await (await fetch(urlOf('/api/v1/payments'), { headers: json })).json()) as { items: { id: string; appointment_id: string }[] }).items
  return { heldAppointmentId, paymentId: payments.find((p) => p.appointment_id === paid)!.id }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

const stack = await startLocalStack({ seed: true })
try {
  const statsUrl = `${stack.database.url}/_stats`
  const urlOf = (path: string) => new URL(path, stack.appUrl).toString()
  const signIn = async (email: string) => {
    const login = await fetch(urlOf('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    })
    if (login.status !== 200) throw new Error(`demo sign-in failed: ${login.status}`)
    return ((await login.json()) as { token: string }).token
  }
  const tokens = { patient: await signIn('pat.sam@demo.test'), doctor: await signIn('dr.ben@demo.test'), admin: await signIn('admin@demo.test') }
  const demo = await demoIds(urlOf, tokens.patient)
  const pathOf = (t: BenchTarget) => (typeof t.path === 'string' ? t.path : t.path(demo))
  const initFor = (t: BenchTarget): RequestInit => (t.as ? { headers: { cookie: `__Host-mc_session=${tokens[t.as]}` } } : {})
  // Warm up: the first requests compile the Worker and fill caches.
  for (const t of [BASELINE, ...TARGETS]) await measureThroughput(urlOf(pathOf(t)), 20, 2, initFor(t))

  const baseline = await measureThroughput(urlOf(pathOf(BASELINE)))
  const rows = []
  for (const target of [BASELINE, ...TARGETS]) {
    const url = urlOf(pathOf(target))
    const init = initFor(target)
    const weight = await measureWeight(url, target.status ?? 200, init)
    const roundTrips = await countRoundTrips(url, statsUrl, init)
    const throughput = target === BASELINE ? baseline : await measureThroughput(url, 300, 8, init)
    rows.push({
      target: target.name,
      path: pathOf(target).replace(/(doc|usr|rx|apt|pay)_[a-z0-9]+/, ':id').replace(/start=[^&]+/, 'start=…'),
      'html': kb(weight.htmlBytes),
      'html gz': kb(weight.htmlGzip),
      'js+css': weight.assets ? `${kb(weight.assetBytes)} (${weight.assets})` : '-',
      'js+css gz': weight.assets ? kb(weight.assetGzip) : '-',
      'db round trips': roundTrips,
      'throughput vs baseline': `${(throughput / baseline).toFixed(2)}x`,
    })
  }
  console.log('\nMediConnect benchmarks (local stack: wrangler dev + libSQL over HTTP)')
  console.table(rows)
  // Argon2id (m = 19 MiB, t = 2, p = 1) is the CPU cost of every password sign-in and
  // registration; shown against one baseline request so it reads on any machine.
  const hashMs = await medianMs(() => hashPassword('benchmark passphrase'))
  const baselineMs = 1000 / baseline
  console.log(`password hash (Argon2id, pure JS as in the Worker): ${hashMs.toFixed(0)} ms median, ${(hashMs / baselineMs).toFixed(0)}x one baseline request`)
  console.log('\nBooking journey under DevTools "Slow 3G" (2,000 ms latency, 400 kbit/s each way): search → doctor → slot → confirm → booked')
  console.table([await bookingJourney(stack.appUrl, true), await bookingJourney(stack.appUrl, false)])
  // The header's bell: its unread count is a subquery of the session lookup every signed-in
  // request makes anyway, so a page with the bell costs what it cost before; /auth/me is that
  // lookup alone.
  const sessionTrips = await countRoundTrips(urlOf('/api/v1/auth/me'), statsUrl, initFor({ name: 'me', path: '', as: 'patient' }))
  const homeTrips = await countRoundTrips(urlOf('/home'), statsUrl, initFor({ name: 'home', path: '', as: 'patient' }))
  console.log(`header bell: the session lookup with both unread counts = ${sessionTrips} round trip; the patient's home with the bell = ${homeTrips} in all (the bell adds none)`)
  console.log('\nFrom a cancellation to the waitlist offer (the slot held, the notification, the email with its one-tap link)')
  console.table(await cancellationToOffer(urlOf, stack.database, statsUrl, { holder: tokens.patient, waiting: await signIn('pat.lee@demo.test') }))
  console.log('\nThe reminder job: 10,000 reminders due, one five-minute cron run (claim, notification, email, in batches of 500)')
  console.table(await reminderJob(stack.appUrl, stack.database, statsUrl))
  console.log('\nA round-the-clock, 5-minute schedule (2,016 slots a week) for the demo cardiologist: ordinary → dense')
  console.table(await denseSchedule(urlOf, statsUrl, tokens.doctor))
  // It adds 100,000 appointments, which the measurements above must not see.
  console.log('\nThe admin console at scale (npm run db:seed:large: 20,000 users, 100,000 appointments, a year of audit rows)')
  const scale = await adminAtScale(stack.database, urlOf, statsUrl, initFor({ name: 'admin', path: '', as: 'admin' }))
  console.log('seeded:', scale.seeded)
  console.table(scale.tables)
  console.table(scale.pageRows)
  console.log('CSV export of every appointment:')
  console.table([scale.csv])
  // Last: it adds 402 users and 201 conversations, which the measurements above must not see.
  console.log('\nChat under load: one room of 200 sockets, then 200 rooms of 2 (WebSocket → ChatRoom → libSQL)')
  console.table(await chatLoad(stack))
} finally {
  await stack.stop()
}
