import { formatDay, formatShortDay, formatTime, localDate } from '../../src/lib/format'
import { COMMON_TIME_ZONES } from '../../src/lib/viewer-timezone'

export type PickerSlot = { start: Date; end: Date }

// Free slots grouped by day in the viewer's zone, as radio buttons: real form controls that
// work without JavaScript, move with the arrow keys inside a day, and whose accessible name is
// the whole date and time ("Tuesday 16 March 2027, 9:30 AM"), never a bare "9:30".
export function SlotPicker({ slots, days, timezone, selected, name = 'start' }: { slots: PickerSlot[]; days: string[]; timezone: string; selected?: string; name?: string }) {
  const byDay = new Map<string, PickerSlot[]>(days.map((d) => [d, []]))
  for (const slot of slots) byDay.get(localDate(slot.start, timezone))?.push(slot)
  // Each day folds (a native <details>, no script): the first day with times, and the day of the
  // chosen time, start open, so a phone shows one day's times, not a week of them.
  const firstWithTimes = [...byDay].find(([, s]) => s.length)?.[0]
  const selectedDay = selected ? localDate(new Date(selected), timezone) : undefined
  return (
    <div class="slot-days">
      {[...byDay].map(([day, daySlots]) => {
        const noon = new Date(`${day}T12:00:00Z`)
        return (
          <details class="slot-day" open={day === (selectedDay ?? firstWithTimes)}>
            <summary>
              <span aria-hidden="true">{formatShortDay(noon, 'UTC')}</span>
              <span class="visually-hidden">{formatDay(noon, 'UTC')}</span>
              <span class="muted small"> · {daySlots.length === 0 ? 'no free times' : daySlots.length === 1 ? '1 time' : `${daySlots.length} times`}</span>
            </summary>
            {daySlots.length === 0 ? (
              <p class="muted small">No free times</p>
            ) : (
              <div class="slots">
                {daySlots.map((slot) => {
                  const value = slot.start.toISOString().replace('.000Z', 'Z')
                  return (
                    <label class="slot">
                      <input type="radio" name={name} value={value} required checked={selected === value} />
                      <span class="visually-hidden">{formatDay(slot.start, timezone)}, </span>
                      <span>{formatTime(slot.start, timezone)}</span>
                    </label>
                  )
                })}
              </div>
            )}
          </details>
        )
      })}
    </div>
  )
}

// "Show times in …": a GET form, so the choice is a link like any other.
export function TimeZonePicker({ timezone, action, keep = {} }: { timezone: string; action: string; keep?: Record<string, string | undefined> }) {
  const zones = COMMON_TIME_ZONES.includes(timezone) ? COMMON_TIME_ZONES : [timezone, ...COMMON_TIME_ZONES]
  return (
    <form method="get" action={action} class="row-form tz-form">
      {Object.entries(keep).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} /> : null))}
      <label for="tz">Times shown in</label>
      <select id="tz" name="tz">
        {zones.map((z) => (
          <option value={z} selected={z === timezone}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Change
      </button>
    </form>
  )
}
