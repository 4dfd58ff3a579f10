import { Hono, type Context } from 'hono'
import { SecurityPage, type SecurityPageProps } from '../../../views/auth/security-page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import type { z } from 'zod'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { qrSvg } from '../../lib/qr-svg'

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
  const overview = await findSecurityOverview(c.var.db, c.var.ctx.actor!.id, c.var.ctx.now)
  const notice = extra.notice ?? NOTICES[c.req.query('done') ?? '']
  return renderView(c, {
    title: 'Sign-in and security',
    body: <SecurityPage {...overview} {...extra} timezone={viewerTimeZone(c, 'UTC').timezone} sessions={overview.sessions.map((s) => ({ ...s, current: s.id === c.var.ctx.sessionId }))} notice={notice} />,
    status,
    scripts: ['passkeys'],
  })
}

// Every action here is a small form; a refused one (a wrong code, an unknown passkey) comes back
// on the page, which keeps its state, with the first reason as the page's message.
function securityAction<S extends z.ZodType>(c: Context<AppEnv>, schema: S, submit: (input: z.output<S>) => Promise<Response>) {
  return handleForm(c, {
    schema,
    submit,
    render: (state, refusal) => renderSecurity(c, { state: { ...state, message: state.message ?? Object.values(state.errors ?? {})[0] } }, refusal.status),
  })
}

const done = (c: Context, what: string) => c.redirect(`/account/security?done=${what}`, 303)

securityRoutes.get('/account/security', (c) => renderSecurity(c))

securityRoutes.post('/account/security/passkeys/:id/rename', (c) =>
  securityAction(c, RenamePasskeyInput, async ({ name }) => {
    await renamePasskey(c.var.ctx, { passkeyId: c.req.param('id'), name })
    return done(c, 'renamed')
  }),
)

securityRoutes.post('/account/security/passkeys/:id/remove', (c) =>
  securityAction(c, NoFields, async () => {
    await removePasskey(c.var.ctx, c.req.param('id'))
    return done(c, 'removed')
  }),
)

securityRoutes.post('/account/security/totp/setup', (c) =>
  securityAction(c, NoFields, async () => {
    const setup = await setupTotp(c.var.ctx)
    return renderSecurity(c, { totpSetup: { secret: setup.secret, qrSvg: qrSvg(setup.otpauth_url, { label: 'QR code for your authenticator app' }) } })
  }),
)

securityRoutes.post('/account/security/totp/enable', (c) =>
  securityAction(c, CodeInput, async ({ code }) => renderSecurity(c, { recoveryCodes: (await enableTotp(c.var.ctx, code)).recoveryCodes })),
)

securityRoutes.post('/account/security/totp/disable', (c) =>
  securityAction(c, CodeInput, async ({ code }) => {
    await disableTotp(c.var.ctx, code)
    return done(c, 'totp-off')
  }),
)

securityRoutes.post('/account/security/sessions/:id/revoke', (c) =>
  securityAction(c, NoFields, async () => {
    await revokeOneSession(c.var.ctx, c.req.param('id'))
    return done(c, 'revoked')
  }),
)

securityRoutes.post('/account/security/sessions/revoke-others', (c) =>
  securityAction(c, NoFields, async () => {
    await revokeOtherSessions(c.var.ctx)
    return done(c, 'revoked-others')
  }),
)
