import { toIsoInstant } from '../../lib/time'
import { deliverDueEmails, queueEmail } from '../mail/outbox'
import { newSignInMessage, passkeyAddedMessage, passwordResetMessage, verifyEmailMessage } from '../mail/templates'
import type { AuthContext } from './context'
import { EMAIL_TOKEN_TTL_MINUTES } from './email-tokens'

type Recipient = { email: string; name: string }
type Message = { subject: string; text: string; html: string; tag: string }

// The message is in the outbox before the request answers (nothing is lost if Postmark is down);
// the first delivery attempt happens after the response, and the cron retries.
async function send(ctx: AuthContext, to: Recipient, message: Message) {
  await queueEmail(ctx.db, { to: to.email, ...message })
  if (ctx.env.POSTMARK_SERVER_TOKEN) ctx.background(deliverDueEmails(ctx.env, ctx.db, new Date()))
}

const link = (ctx: AuthContext, path: string, token: string) => `${new URL(ctx.env.APP_ORIGIN).origin}${path}?token=${token}`

export function sendVerificationEmail(ctx: AuthContext, to: Recipient, token: string) {
  return send(ctx, to, verifyEmailMessage({ name: to.name, link: link(ctx, '/verify-email', token) }))
}

export function sendPasswordResetEmail(ctx: AuthContext, to: Recipient, token: string) {
  return send(
    ctx,
    to,
    passwordResetMessage({ name: to.name, link: link(ctx, '/reset-password', token), expiresInMinutes: EMAIL_TOKEN_TTL_MINUTES.reset_password }),
  )
}

export function sendNewSignInEmail(ctx: AuthContext, to: Recipient, when: Date) {
  return send(ctx, to, newSignInMessage({ name: to.name, when: toIsoInstant(when), device: ctx.userAgent ?? 'an unknown device', ip: ctx.ip ?? 'an unknown address' }))
}

export function sendPasskeyAddedEmail(ctx: AuthContext, to: Recipient, passkeyName: string, when: Date) {
  return send(ctx, to, passkeyAddedMessage({ name: to.name, passkeyName, when: toIsoInstant(when) }))
}
