// The demo cardiologist open round the clock in 5-minute slots (issue 14, item 16): the doctor
// page and the "next free" search should cost about what they cost for an ordinary schedule. The
// schedule is switched between the two a few times, measuring each in turn (throughput varies
// from run to run, so the figures are medians of alternating rounds), and then restored.
import { countRoundTrips, measureThroughput, measureWeight } from './measure'

const ROUNDS = 3
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

type Schedule = Record<string, unknown> & { weekly: { weekday: number; start: string; end: string }[] }

export async function denseSchedule(urlOf: (path: string) => string, statsUrl: string, doctorToken: string) {
  const asDoctor = { authorization: `Bearer ${doctorToken}`, 'content-type': 'application/json' }
  const doctor = ((await (await fetch(urlOf('/api/v1/doctor/profile'), { headers: asDoctor })).json()) as { profile: { id: string } }).profile
  const current = (await (await fetch(urlOf('/api/v1/doctor/availability'), { headers: asDoctor })).json()) as { availability: Schedule }
  const ordinary = current.availability
  const dense: Schedule = { ...ordinary, slot_minutes: 5, buffer_minutes: 0, weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) }
  const put = async (schedule: Schedule) => {
    const res = await fetch(urlOf('/api/v1/doctor/availability'), { method: 'PUT', headers: asDoctor, body: JSON.stringify(schedule) })
    if (res.status !== 200) throw new Error(`availability update failed: ${res.status} ${await res.text()}`)
  }
  const targets = [
    { name: 'page: doctor and slots', url: urlOf(`/doctors/${doctor.id}`) },
    { name: 'page: search all, soonest first', url: urlOf('/doctors?sort=soonest') },
    { name: 'api: search all, soonest first', url: urlOf('/api/v1/doctors?sort=soonest') },
  ]
  const throughput = new Map<string, { ordinary: number[]; dense: number[] }>(targets.map((t) => [t.name, { ordinary: [], dense: [] }]))
  const rows = targets.map((t) => ({ target: t.name, html: '', 'html gz': '', 'db round trips': '', 'throughput, dense vs ordinary': '' }))
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['ordinary', 'dense'] as const) {
        await put(kind === 'dense' ? dense : ordinary)
        for (const [i, t] of targets.entries()) {
          await measureThroughput(t.url, 20, 2) // warm
          throughput.get(t.name)![kind].push(await measureThroughput(t.url, 200, 8))
          if (round > 0) continue
          const weight = await measureWeight(t.url, 200)
          const trips = await countRoundTrips(t.url, statsUrl)
          const row = rows[i]!
          row.html += (row.html ? ' → ' : '') + kb(weight.htmlBytes)
          row['html gz'] += (row['html gz'] ? ' → ' : '') + kb(weight.htmlGzip)
          row['db round trips'] += (row['db round trips'] ? ' → ' : '') + trips
        }
      }
    }
  } finally {
    await put(ordinary)
  }
  for (const [i, t] of targets.entries()) {
    const { ordinary: a, dense: b } = throughput.get(t.name)!
    rows[i]!['throughput, dense vs ordinary'] = `${(median(b) / median(a)).toFixed(2)}x`
  }
  return rows
}
