import { describe, expect, it } from 'vitest'
import { createAvailability, createDoctor } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { isoWeekday, parseDateKey } from '../../../src/lib/time'

const DAY = 86_400_000
const dateAhead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

// A doctor in UTC who works 00:00–02:00 UTC on one weekday only: in Los Angeles that is the
// evening before.
async function earlyDoctor(name: string, day: string) {
  const { doctor } = await createDoctor({}, { name })
  await createAvailability(doctor.id, { timezone: 'UTC', weekdays: [isoWeekday(parseDateKey(day))], startMinute: 0, endMinute: 120 })
  return doctor
}

const search = (query: string, cookie?: string) => fetchApp(`/doctors?${query}`, cookie ? { headers: { cookie } } : {})

describe('"Free on" means the viewer’s day, as "Next free" does', () => {
  it('finds a doctor on the day their next free time falls where the viewer is', async () => {
    const day = dateAhead(10)
    const dayBefore = dateAhead(9)
    const name = `Dr. Early ${crypto.randomUUID().slice(0, 6)}`
    await earlyDoctor(name, day)
    const la = 'mc_tz=America%2FLos_Angeles'
    const listed = await (await search(`q=${encodeURIComponent(name)}`, la)).text()
    // Shown in Los Angeles: the evening before the UTC day.
    expect(listed).toMatch(/Next free: <time datetime="\d{4}-\d{2}-\d{2}T00:00:00Z">[A-Za-z]+ \d+ [A-Za-z]+ \d{4}, 4:00 PM<\/time>/)
    expect(await (await search(`q=${encodeURIComponent(name)}&available_on=${dayBefore}`, la)).text()).toContain(name)
    expect(await (await search(`q=${encodeURIComponent(name)}&available_on=${day}`, la)).text()).toContain('No doctors match')
    // In UTC the same doctor is free on the UTC day.
    expect(await (await search(`q=${encodeURIComponent(name)}&available_on=${day}`, 'mc_tz=UTC')).text()).toContain(name)
    // The API takes the zone as tz.
    const api = (await (await fetchApp(`/api/v1/doctors?q=${encodeURIComponent(name)}&available_on=${dayBefore}&tz=America/Los_Angeles`)).json()) as { items: unknown[] }
    expect(api.items).toHaveLength(1)
  })

  it('explains a day already over instead of finding nobody, in the form and in the live results', async () => {
    const past = dateAhead(-3)
    const page = await search(`available_on=${past}`)
    expect(page.status).toBe(422)
    const html = await page.text()
    expect(html).toContain('Free on is in the past: choose today or a later day.')
    const live = await fetchApp(`/doctors?available_on=${past}`, { headers: { 'HX-Request': 'true' } })
    expect(live.status).toBe(422)
    const fragment = await live.text()
    expect(fragment).toMatch(/^<section id="results"/)
    expect(fragment).toContain('Check the filters')
    expect((await fetchApp(`/api/v1/doctors?available_on=${past}`)).status).toBe(400)
  })

  it('makes every filter live and swaps the one results region for the new one', async () => {
    const html = await (await search('')).text()
    expect(html).toContain('hx-swap="outerHTML"')
    expect(html).toContain('hx-trigger="input delay:400ms, submit"')
    expect(html.match(/id="results"/g)).toHaveLength(1)
    expect(html).toMatch(/<input id="s-date" name="available_on" type="date" min="\d{4}-\d{2}-\d{2}"/)
  })
})
