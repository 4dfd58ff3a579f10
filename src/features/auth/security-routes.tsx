import { Hono, type Context } from 'hono'
import { SecurityPage, type SecurityPageProps } from '../../../views/auth/security-page'
import type { AppEnv } from '../../env'
import { AppError, type FieldErrors } from '../../lib/errors'
import { renderView, type ViewStatus } from '../../core/page'
import { qrSvg } from '../../lib/qr-svg'
import { formBody } from '../../lib/validator'

import { CodeInput, RenamePasskeyInput } from './schemas'
import { removePasskey, renamePasskey } from './service/passkeys'
import { revokeOneSession, revokeOtherSessions } from './service/sessions'
import { disableTotp, enableTotp, setupTotp } from './service/totp'
import { findSecurityOverview } from './session-queries'

// The account security page: passkeys, the authenticator app, and signed-in devices. Every action
// is a plain form (works without JavaScript) except adding a passkey, which WebAuthn needs JS for.
export const securityRoutes = new Hono<AppEnv>()

const NOTICES: Record<string, string> = {
  renamed: 'The passkey was renamed.',
  removed: 'The passkey was removed.',
  'totp-off': 'Two-step sign-in is off.',
  revoked: 'That device was signed out.',
  'revoked-others': 'Every other device was signed out.',
  'passkey-added': 'Your passkey was added. Next time, sign in with it.',
}

async function renderSecurity(
  c: Context<AppEnv>,
  extra: Partial<SecurityPageProps> = {},
  status: ViewStatus = 200,
) {
  const overview = await findSecurityOverview(c.var.db, c.var.ctx.actor!.id, new Date())
  const notice = extra.notice ?? NOTICES[c.req.query('done') ?? '']
  return renderView(c, {
    title: 'Sign-in and security',
    body: <SecurityPage {...overview} {...extra} sessions={overview.sessions.map((s) => ({ ...s, current: s.id === c.var.ctx.sessionId }))} notice={notice} />,
    status,
    scripts: ['passkeys'],
  })
}

// A refused action (a wrong code, an unknown passkey) is shown on the page, which keeps its state.
async function refused(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof AppError) || err.status >= 500) throw err
  return renderSecurity(c, { state: { message: err.message, errors: err.fields } }, err.status as ViewStatus)
}

const invalid = (c: Context, _values: Record<string, string>, errors: FieldErrors) =>
  renderSecurity(c as Context<AppEnv>, { state: { errors, message: Object.values(errors)[0] } }, 422)

const done = (c: Context, what: string) => c.redirect(`/account/security?done=${what}`, 303)

securityRoutes.get('/account/security', (c) => renderSecurity(c))

securityRoutes.post('/account/security/passkeys/:id/rename', formBody(RenamePasskeyInput, invalid), async (c) => {
  try {
    await renamePasskey(c.var.ctx, { passkeyId: c.req.param('id'), name: c.req.valid('form').name })
  } catch (err) {
    return refused(c, err)
  }
  return done(c, 'renamed')
})

securityRoutes.post('/account/security/passkeys/:id/remove', async (c) => {
  try {
    await removePasskey(c.var.ctx, c.req.param('id'))
  } catch (err) {
    return refused(c, err)
  }
  return done(c, 'removed')
})

securityRoutes.post('/account/security/totp/setup', async (c) => {
  try {
    const setup = await setupTotp(c.var.ctx)
    return renderSecurity(c, { totpSetup: { secret: setup.secret, qrSvg: qrSvg(setup.otpauth_url, { label: 'QR code for your authenticator app' }) } })
  } catch (err) {
    return refused(c, err)
  }
})

securityRoutes.post('/account/security/totp/enable', formBody(CodeInput, invalid), async (c) => {
  try {
    const { recoveryCodes } = await enableTotp(c.var.ctx, c.req.valid('form').code)
    return renderSecurity(c, { recoveryCodes })
  } catch (err) {
    return refused(c, err)
  }
})

securityRoutes.post('/account/security/totp/disable', formBody(CodeInput, invalid), async (c) => {
  try {
    await disableTotp(c.var.ctx, c.req.valid('form').code)
  } catch (err) {
    return refused(c, err)
  }
  return done(c, 'totp-off')
})

securityRoutes.post('/account/security/sessions/:id/revoke', async (c) => {
  try {
    await revokeOneSession(c.var.ctx, c.req.param('id'))
  } catch (err) {
    return refused(c, err)
  }
  return done(c, 'revoked')
})

securityRoutes.post('/account/security/sessions/revoke-others', async (c) => {
  await revokeOtherSessions(c.var.ctx)
  return done(c, 'revoked-others')
})
