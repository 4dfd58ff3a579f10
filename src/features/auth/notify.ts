import { formatDateTime } from '../../lib/format'
import { describeDevice } from '../../lib/user-agent'
import { sendEmail as send, type Recipient } from '../../core/mail/send'
import { emailLinks } from '../mail/links'
import { newSignInMessage, passkeyAddedMessage, passwordResetMessage, verifyEmailMessage } from '../mail/templates'
import type { RequestContext } from '../../core/context'
import { EMAIL_TOKEN_TTL_MINUTES } from './email-token-queries'

export function sendVerificationEmail(ctx: RequestContext, to: Recipient, token: string) {
  return send(ctx, to, verifyEmailMessage({ name: to.name, link: emailLinks.verifyEmail(ctx, token) }))
}

export function sendPasswordResetEmail(ctx: RequestContext, to: Recipient, token: string) {
  return send(
    ctx,
    to,
    passwordResetMessage({ name: to.name, link: emailLinks.resetPassword(ctx, token), expiresInMinutes: EMAIL_TOKEN_TTL_MINUTES.reset_password }),
  )
}

// A time in an email, in the reader's own zone (UTC until they have one), with the zone named.
const emailTime = (when: Date, timezone: string | null | undefined) => {
  const zone = timezone ?? 'UTC'
  return `${formatDateTime(when, zone)} (${zone.replace(/_/g, ' ')})`
}

export function sendNewSignInEmail(ctx: RequestContext, to: Recipient & { timezone?: string | null }, when: Date) {
  return send(ctx, to, newSignInMessage({ name: to.name, when: emailTime(when, to.timezone), device: describeDevice(ctx.userAgent), ip: ctx.ip ?? 'an unknown address' }))
}

export function sendPasskeyAddedEmail(ctx: RequestContext, to: Recipient & { timezone?: string | null }, passkeyName: string, when: Date) {
  return send(ctx, to, passkeyAddedMessage({ name: to.name, passkeyName, when: emailTime(when, to.timezone) }))
}
