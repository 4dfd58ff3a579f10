import type { RequestContext } from '../context'
import { deliverDueEmails, queueEmails, type EmailMessage } from './outbox'

export type Recipient = { email: string; name: string }
type MailContext = Pick<RequestContext, 'db' | 'env' | 'background'>

// The messages are in the outbox before the request answers (nothing is lost if Postmark is
// down); the first delivery attempt happens after the response, and the cron retries.
export async function sendEmails(ctx: MailContext, messages: EmailMessage[]) {
  await queueEmails(ctx.db, messages)
  if (messages.length) deliverSoon(ctx)
}

// After emails were queued (here or in a caller's batch): a first delivery attempt after the response.
export function deliverSoon(ctx: MailContext) {
  if (ctx.env.POSTMARK_SERVER_TOKEN) ctx.background(deliverDueEmails(ctx.env, ctx.db, new Date()))
}

export function sendEmail(ctx: MailContext, to: Recipient, message: Omit<EmailMessage, 'to'>) {
  return sendEmails(ctx, [{ to: to.email, ...message }])
}

export const appLink = (ctx: Pick<RequestContext, 'env'>, path: string) => `${new URL(ctx.env.APP_ORIGIN).origin}${path}`
