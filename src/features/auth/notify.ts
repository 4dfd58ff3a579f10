import { toIsoInstant } from '../../lib/time'
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

export function sendNewSignInEmail(ctx: RequestContext, to: Recipient, when: Date) {
  return send(ctx, to, newSignInMessage({ name: to.name, when: toIsoInstant(when), device: ctx.userAgent ?? 'an unknown device', ip: ctx.ip ?? 'an unknown address' }))
}

export function sendPasskeyAddedEmail(ctx: RequestContext, to: Recipient, passkeyName: string, when: Date) {
  return send(ctx, to, passkeyAddedMessage({ name: to.name, passkeyName, when: toIsoInstant(when) }))
}
