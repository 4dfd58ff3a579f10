import { Hono } from 'hono'
import { isSettingKey, SETTING_KEYS, SETTINGS } from '../../core/settings'
import type { AppEnv } from '../../env'
import { NotFoundError } from '../../lib/errors'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { z } from 'zod'
import { currentSettings, saveSetting } from './service'

export const settingsAdminApi = new Hono<AppEnv>()

settingsAdminApi.use('/admin/settings', requireRole('admin:super'))
settingsAdminApi.use('/admin/settings/*', requireRole('admin:super'))

settingsAdminApi.get('/admin/settings', async (c) => {
  const current = await currentSettings(c.var.ctx)
  return c.json({ items: SETTING_KEYS.map((key) => ({ key, label: SETTINGS[key].label, help: SETTINGS[key].help, value: current[key], default: SETTINGS[key].default })) })
})

// The body is the setting's new value as a whole: `{ "value": … }`.
settingsAdminApi.put('/admin/settings/:key', jsonBody(z.object({ value: z.unknown() })), async (c) => {
  const key = c.req.param('key')
  if (!isSettingKey(key)) throw new NotFoundError('No such setting.')
  return c.json({ key, value: await saveSetting(c.var.ctx, key, c.req.valid('json').value) })
})
