import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { settings } from '../db/schema'

/** Every stored setting as one JSON object (key → value), as a subquery: the session lookup carries it. */
export const allSettingsSql = sql<string | null>`(select json_group_object(${settings.key}, json(${settings.value})) from ${settings})`

/** Every stored setting, for work without a session. */
export const allSettingsStatement = (db: Db) => db.select({ all: allSettingsSql }).from(sql`(select 1)`)

/** One setting saved (made or replaced), with who saved it. */
export const saveSettingStatement = (db: Db, key: string, value: unknown, adminId: string, now: Date) =>
  db.insert(settings).values({ key, value, updatedBy: adminId, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: adminId, updatedAt: now } })

export const settingRowStatement = (db: Db, key: string) => db.select().from(settings).where(eq(settings.key, key))
