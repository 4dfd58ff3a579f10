import { actorAuditStatement } from '../../core/audit'
import { requireActor, type RequestContext } from '../../core/context'
import { SETTINGS, settingsFrom, type SettingKey } from '../../core/settings'
import { allSettingsStatement, saveSettingStatement } from '../../core/settings-queries'
import { parseSettings } from '../../core/settings-of'
import { ForbiddenError, ValidationError } from '../../lib/errors'
import { fieldErrors } from '../../lib/validator'

// Super admins edit the platform settings (core/settings.ts): each change is checked against the
// setting's shape and written with an audit entry holding the value before and after, in one batch.
function requireSuperAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin' || actor.adminRole !== 'super') throw new ForbiddenError('Only super admins change the platform settings.')
  return actor
}

/** Every setting as it applies now (stored or default), read fresh from the database. */
export async function currentSettings(ctx: RequestContext) {
  requireSuperAdmin(ctx)
  const [row] = await allSettingsStatement(ctx.db)
  return parseSettings(row?.all ?? null)
}

export async function saveSetting(ctx: RequestContext, key: SettingKey, value: unknown) {
  const admin = requireSuperAdmin(ctx)
  const parsed = SETTINGS[key].schema.safeParse(value)
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error))
  const before = (await currentSettings(ctx))[key]
  await ctx.db.batch([
    saveSettingStatement(ctx.db, key, parsed.data, admin.id, ctx.now),
    actorAuditStatement(ctx, { action: 'admin.setting.changed', entityType: 'setting', entityId: key, metadata: { before, after: parsed.data } }),
  ])
  return settingsFrom({ [key]: parsed.data })[key]
}
