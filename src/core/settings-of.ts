import type { RequestContext } from './context'
import { allSettingsStatement } from './settings-queries'
import { settingsFrom, type Settings } from './settings'

/** The platform settings: those the session brought, else read once (jobs, public pages) and kept on the context. */
export async function settingsOf(ctx: Pick<RequestContext, 'db' | 'settings'>): Promise<Settings> {
  if (ctx.settings) return ctx.settings
  const [row] = await allSettingsStatement(ctx.db)
  ctx.settings = parseSettings(row?.all ?? null)
  return ctx.settings
}

/** The settings from the JSON object the database gives (key → value). */
export function parseSettings(json: string | null): Settings {
  try {
    return settingsFrom(json ? (JSON.parse(json) as Record<string, unknown>) : {})
  } catch {
    return settingsFrom({})
  }
}
