import { log } from '../../lib/log'
import { backoffMs, MAX_ATTEMPTS } from '../mail/outbox'

// A claimed message's delivery: what the provider answered.
export type Delivery = { outcome: 'sent'; providerId?: string } | { outcome: 'gone' } | { outcome: 'retry' | 'fail'; error: string }

const CLAIM_MS = 2 * 60_000

type Channel<M extends { id: string; attempts: number }> = {
  name: string
  due: (limit: number) => Promise<{ id: string; attempts: number }[]>
  claim: (candidate: { id: string; attempts: number }, until: Date) => Promise<M | undefined>
  send: (message: M) => Promise<Delivery>
  sent: (message: M, providerId: string | undefined) => Promise<unknown>
  failed: (message: M, failure: { giveUp: boolean; lastError: string; nextAttemptAt: Date }) => Promise<unknown>
  gone?: (message: M) => Promise<unknown>
}

/**
 * Delivers what is due on one channel (push, SMS), as the email outbox does: each message is
 * claimed before it is sent, so overlapping runs send it once; a failure is retried with backoff
 * up to MAX_ATTEMPTS; a destination the provider says is gone is dropped.
 */
export async function deliverDue<M extends { id: string; attempts: number }>(now: Date, channel: Channel<M>, limit = 50) {
  const counts = { sent: 0, gone: 0, retrying: 0, failed: 0 }
  for (const candidate of await channel.due(limit)) {
    const message = await channel.claim(candidate, new Date(now.getTime() + CLAIM_MS))
    if (!message) continue
    let delivery: Delivery
    try {
      delivery = await channel.send(message)
    } catch (err) {
      delivery = { outcome: 'retry', error: err instanceof Error ? err.message.slice(0, 300) : 'delivery failed' }
    }
    if (delivery.outcome === 'sent') {
      await channel.sent(message, delivery.providerId)
      counts.sent++
    } else if (delivery.outcome === 'gone') {
      await channel.gone?.(message)
      counts.gone++
    } else {
      const giveUp = delivery.outcome === 'fail' || message.attempts >= MAX_ATTEMPTS
      await channel.failed(message, { giveUp, lastError: delivery.error, nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)) })
      log(giveUp ? 'error' : 'warn', `${channel.name} delivery failed`, { id: message.id, attempts: message.attempts, error: delivery.error })
      if (giveUp) counts.failed++
      else counts.retrying++
    }
  }
  return counts
}
