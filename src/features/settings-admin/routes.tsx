import { Hono, type Context } from 'hono'
import { SettingsPage } from '../../../views/admin/settings-page'
import type { FormState } from '../../../views/components/form'
import { renderView } from '../../core/page'
import { isSettingKey, SETTING_KEYS, SETTINGS, type SettingKey } from '../../core/settings'
import type { AppEnv } from '../../env'
import { NotFoundError, ValidationError } from '../../lib/errors'
import { requireRole } from '../../middleware/access-control'
import { currentSettings, saveSetting } from './service'

export const settingsAdminRoutes = new Hono<AppEnv>()

settingsAdminRoutes.use('/admin/settings', requireRole('admin:super'))
settingsAdminRoutes.use('/admin/settings/*', requireRole('admin:super'))

async function renderSettings(c: Context<AppEnv>, extra: { notice?: string; failed?: { key: string; state: FormState } } = {}) {
  const current = await currentSettings(c.var.ctx)
  const items = SETTING_KEYS.map((key) => ({ key, label: SETTINGS[key].label, help: SETTINGS[key].help, value: current[key], default: SETTINGS[key].default }))
  return renderView(c, { title: 'Settings', body: <SettingsPage items={items} notice={extra.notice} failed={extra.failed} />, status: extra.failed ? 422 : 200 })
}

settingsAdminRoutes.get('/admin/settings', (c) => renderSettings(c, { notice: c.req.query('saved') ? 'Saved. It applies from the next request.' : undefined }))

// A form's text back into the setting's shape: numbers where the default has numbers.
function valueFrom(key: SettingKey, form: Record<string, string>): unknown {
  const fallback: unknown = SETTINGS[key].default
  const convert = (sample: unknown, text: string | undefined) => (typeof sample === 'number' ? (text === undefined || text.trim() === '' ? undefined : Number(text)) : (text ?? '').trim())
  if (fallback !== null && typeof fallback === 'object') return Object.fromEntries(Object.entries(fallback).map(([name, sample]) => [name, convert(sample, form[name])]))
  return convert(fallback, form.value)
}

settingsAdminRoutes.post('/admin/settings/:key', async (c) => {
  const key = c.req.param('key')
  if (!isSettingKey(key)) throw new NotFoundError('No such setting.')
  const form = Object.fromEntries(Object.entries(await c.req.parseBody()).filter((e): e is [string, string] => typeof e[1] === 'string'))
  try {
    await saveSetting(c.var.ctx, key, valueFrom(key, form))
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    const errors = Object.fromEntries(Object.entries(err.fields ?? {}).map(([field, message]) => [field === 'body' ? 'value' : field, message]))
    return renderSettings(c, { failed: { key, state: { values: form, errors, message: 'Not saved: please correct the fields marked below.' } } })
  }
  return c.redirect('/admin/settings?saved=1', 303)
})
