import { formatDay } from '../../src/lib/format'
import type { AppointmentItem } from '../appointments/parts'
import { DayList } from './dashboard-page'

export type CalendarProps = { view: 'day' | 'week'; days: { key: string; items: AppointmentItem[] }[]; timezone: string; previous: string; next: string; today: string }

export function CalendarPage({ view, days, timezone, previous, next, today }: CalendarProps) {
  return (
    <>
      <h1>Calendar</h1>
      <nav aria-label="Calendar view" class="tabs">
        <a href={`/doctor/calendar?view=day&date=${days[0]!.key}`} aria-current={view === 'day' ? 'page' : undefined}>
          Day
        </a>
        <a href={`/doctor/calendar?view=week&date=${days[0]!.key}`} aria-current={view === 'week' ? 'page' : undefined}>
          Week
        </a>
        <a href={`/doctor/calendar?view=${view}&date=${today}`}>Today</a>
      </nav>
      {days.map((day) => (
        <section aria-labelledby={`day-${day.key}`}>
          <h2 id={`day-${day.key}`}>{formatDay(new Date(`${day.key}T12:00:00Z`), 'UTC')}</h2>
          <DayList items={day.items} timezone={timezone} empty="Nothing booked." />
        </section>
      ))}
      <nav aria-label="Other dates" class="pager">
        <a href={`/doctor/calendar?view=${view}&date=${previous}`}>← Earlier</a>
        <a href={`/doctor/calendar?view=${view}&date=${next}`}>Later →</a>
      </nav>
      <p class="muted small">Times in {timezone.replace(/_/g, ' ')}, your practice’s zone.</p>
    </>
  )
}
