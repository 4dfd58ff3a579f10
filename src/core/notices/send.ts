import type { RequestContext } from '../context'
import type { Bindings } from '../../env'
import { notificationHub, tellAdmins } from '../../durable-objects/notification-hub/stub'
import { describeError, log } from '../../lib/log'
import { deliverSoon } from '../mail/send'
import { deliverDuePush, pushConfigured } from './push'
import type { Notice } from './queries'
import { deliverDueSms, smsConfigured } from './sms'

type NoticeContext = Pick<RequestContext, 'db' | 'env' | 'background'>

/**
 * After a batch with notices committed: a first delivery attempt of their email, push and text
 * messages after the response (the cron retries what fails), and each person's open pages are
 * told at once.
 */
export function afterNotices(ctx: NoticeContext, notices: Pick<Notice, 'userId' | 'kind'>[]) {
  if (notices.length === 0) return
  deliverSoon(ctx)
  if (pushConfigured(ctx.env)) ctx.background(deliverDuePush(ctx.env, ctx.db, new Date()))
  if (smsConfigured(ctx.env)) ctx.background(deliverDueSms(ctx.env, ctx.db, new Date()))
  ctx.background(tellOpenPages(ctx.env, notices))
  // What the admin dashboard counts: appointments and doctor applications.
  const counted = [...new Set(notices.map((n) => n.kind))].filter((k) => k === 'appointment_booked' || k === 'appointment_changed' || k === 'verification')
  if (counted.length) ctx.background(tellAdmins(ctx.env, counted).catch((err) => log('warn', 'admin dashboards were not told', describeError(err))))
}

/**
 * Tells each person's notification hub what just changed for them (one call per person): the
 * kinds of notice they got, or "read" when some were read.
 */
export async function tellOpenPages(env: Bindings, notices: { userId: string; kind: Notice['kind'] | 'read' }[]) {
  const kindsByUser = new Map<string, Set<string>>()
  for (const n of notices) kindsByUser.set(n.userId, (kindsByUser.get(n.userId) ?? new Set()).add(n.kind))
  const calls = [...kindsByUser].map(([userId, kinds]) => notificationHub(env, userId).changed([...kinds]))
  for (const result of await Promise.allSettled(calls)) {
    // Pages still see the notice on their next load (or their fallback poll).
    if (result.status === 'rejected') log('warn', 'open pages were not told of a notice', describeError(result.reason))
  }
}
