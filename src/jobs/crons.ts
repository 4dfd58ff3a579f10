// Cron expressions as declared in wrangler.toml [triggers] (keep the two in step); each maps to
// the jobs it runs (src/jobs/index.ts). `npm run dev` fires them on this schedule too.
export const CRONS = {
  everyFiveMinutes: '*/5 * * * *',
  nightly: '17 3 * * *',
  // Mondays: doctors' payouts.
  weekly: '43 4 * * 1',
} as const
