// `wrangler dev` runs a cron only when asked (/__scheduled, with --test-scheduled); `npm run
// dev` asks on schedule, so reminders and expiring requests happen locally as they would
// deployed. Only the forms our crons use are understood: minute, hour and day of the week as
// `*`, `*/n` or a number (day and month must be `*`), in UTC as Cloudflare runs them.
import { CRONS } from '../../src/jobs/crons'

function fieldMatches(field: string, value: number) {
  if (field === '*') return true
  if (field.startsWith('*/')) return value % Number(field.slice(2)) === 0
  return Number(field) === value
}

export function cronDue(cron: string, at: Date) {
  const [minute = '*', hour = '*', , , weekday = '*'] = cron.split(' ')
  return fieldMatches(minute, at.getUTCMinutes()) && fieldMatches(hour, at.getUTCHours()) && fieldMatches(weekday, at.getUTCDay())
}

/** Every minute, on the minute: fires each cron due then. Returns a stop function. */
export function runCronsOnSchedule(appUrl: string, log: (line: string) => void) {
  let timer: NodeJS.Timeout
  const tick = () => {
    const now = new Date()
    for (const cron of Object.values(CRONS)) {
      if (!cronDue(cron, now)) continue
      fetch(`${appUrl}/__scheduled?cron=${encodeURIComponent(cron)}`).catch((err) => log(`cron ${cron} could not run: ${err}`))
    }
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
  }
  timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
  return () => clearTimeout(timer)
}
