import { formatDateTime } from '../../src/lib/format'
import { Notices } from '../components/form'
import { SlotPicker, type PickerSlot } from '../components/slot-picker'
import type { AppointmentItem } from './parts'

export function ReschedulePage({ appointment: a, slots, days, timezone, error, nextFrom }: { appointment: AppointmentItem; slots: PickerSlot[]; days: string[]; timezone: string; error?: string; nextFrom: string }) {
  return (
    <section aria-labelledby="resched-title" class="narrow">
      <h1 id="resched-title">Choose another time</h1>
      <Notices error={error} />
      <p>
        Now: <time datetime={a.start}>{formatDateTime(new Date(a.start), timezone)}</time> with {a.doctor.name}.
      </p>
      <form method="post" action={`/appointments/${a.id}/reschedule`}>
        <SlotPicker slots={slots} days={days} timezone={timezone} />
        {slots.length ? <button type="submit">Move to this time</button> : <p>No free times in these days.</p>}
      </form>
      <p>
        <a href={`/appointments/${a.id}/reschedule?from=${nextFrom}`}>Later days →</a> · <a href={`/appointments/${a.id}`}>Keep the current time</a>
      </p>
    </section>
  )
}
