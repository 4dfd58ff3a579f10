import { batchGroups } from '../../core/batch-groups'
import type { RequestContext } from '../../core/context'
import { noticesStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { settingsOf } from '../../core/settings-of'
import { formatDateTime } from '../../lib/format'
import { newId } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { DAY_MS, MINUTE_MS } from '../../lib/time'
import { emailLinks } from '../mail/links'
import { offerMessage } from '../mail/templates'
import { offerToken } from './offer-link'
import { doctorsWithWaitingStatement, expireEntriesStatement, expireOffersStatement, insertWaitlistOfferIfFree, offerCandidatesStatements, offerWritten, reopenRequestsStatement } from './offer-queries'
import { assembleSchedules, scheduleStatements } from './queries'
import { freeSlotsOf } from './service'
import { assignOffers, earliestToday } from './waitlist-matching'

// Freed slots go to waiting patients. Whenever a doctor's time may have freed up — a
// cancellation, a decline, a reschedule away, new working hours, and on every sweep of the
// five-minute job (expired requests and holds, offers not taken) — their free slots are matched
// against their waitlist, first come first served, and each match is held for its patient as an
// offer with a one-tap link (availability's rule keeps a held slot from everyone else).

// How far ahead offers look: the longest a patient may wait (waitlist schemas), and a day.
const OFFER_WINDOW_MS = 91 * DAY_MS

/** Offers these doctors' free slots to their waiting patients; returns how many were offered. */
export async function offerFreeSlots(ctx: RequestContext, doctorIds: string[]): Promise<number> {
  if (doctorIds.length === 0) return 0
  const now = ctx.now
  const window = { from: now, to: new Date(now.getTime() + OFFER_WINDOW_MS) }
  const [entries, offered, ...scheduleRows] = await ctx.db.batch([
    ...offerCandidatesStatements(ctx.db, doctorIds, earliestToday(now), now),
    ...scheduleStatements(ctx.db, doctorIds, window.from, window.to, now),
  ])
  if (entries.length === 0) return 0
  const minutes = (await settingsOf(ctx))['waitlist.offer_minutes']
  const schedules = assembleSchedules(scheduleRows)
  const assignments = doctorIds.flatMap((doctorId) => {
    const waiting = entries
      .filter((e) => e.doctorId === doctorId)
      .map((e) => {
        const mine = offered.filter((o) => o.entryId === e.id)
        return { ...e, hasOpenOffer: mine.some((o) => Boolean(o.live)), offeredStarts: new Set(mine.map((o) => o.startAt.getTime())) }
      })
    if (waiting.length === 0) return []
    const schedule = schedules.get(doctorId)
    return assignOffers(waiting, freeSlotsOf(schedule, window, now, { limit: 2000 })).map((a) => ({ ...a, bufferMinutes: schedule?.settings.bufferMinutes ?? 0 }))
  })
  if (assignments.length === 0) return 0
  const expiresAt = new Date(now.getTime() + minutes * MINUTE_MS)
  const offers = assignments.map(({ entry, slot, bufferMinutes }) => {
    const id = newId('ofr')
    const token = offerToken(ctx.env.SESSION_SECRET, id, entry.patientId)
    const when = `${formatDateTime(slot.start, entry.timezone)} (${entry.timezone.replace(/_/g, ' ')})`
    const notice: Notice = {
      userId: entry.patientId,
      kind: 'offer',
      title: `A time with ${entry.doctorName} is free for you`,
      body: `${when}, held for you for ${minutes} minutes.`,
      // In the app: the waitlist page, where the offer has its button.
      link: '/waitlist',
      email: { to: entry.patientEmail, ...offerMessage({ name: entry.patientName, doctorName: entry.doctorName, when, minutes, link: emailLinks.offer(ctx, token) }) },
      sms: `MediConnect: ${when} with ${entry.doctorName} is free, held for you for ${minutes} min. Book: ${emailLinks.offer(ctx, token)}`,
    }
    const insert = insertWaitlistOfferIfFree(ctx.db, { id, entryId: entry.id, patientId: entry.patientId, doctorId: entry.doctorId, startAt: slot.start, endAt: slot.end, type: entry.type, expiresAt, bufferMinutes, now })
    return { id, notice, statements: [insert, ...noticesStatements(ctx, [notice], offerWritten(id))] }
  })
  // The offers whose conditional insert wrote a row (a slot taken meanwhile is simply not offered).
  const made = await batchGroups(ctx.db, offers)
  afterNotices(ctx, made.map((o) => o.notice))
  return made.length
}

/**
 * After a change that may have freed a doctor's time: their waiting patients are offered it now.
 * The change itself is done, so a failure here is logged, not answered: the five-minute sweep
 * makes the same offers.
 */
export async function offerFreedTime(ctx: RequestContext, doctorId: string) {
  try {
    await offerFreeSlots(ctx, [doctorId])
  } catch (err) {
    log('error', 'offering freed time failed', { request_id: ctx.requestId, doctor_id: doctorId, ...describeError(err) })
  }
}

/**
 * The five-minute sweep: offers not taken in time expire (a consultation request whose proposed
 * time expired waits for a doctor again), waitlists whose days are over end, and
 * every doctor with patients waiting has their free slots offered (which passes an expired
 * offer's slot to the next match, and offers what an expired request or hold freed).
 */
export async function sweepWaitlists(ctx: RequestContext, bounds = { offers: 500, doctors: 100 }) {
  const now = ctx.now
  const [expired] = await ctx.db.batch([expireOffersStatement(ctx.db, now, bounds.offers), expireEntriesStatement(ctx.db, earliestToday(now), now), reopenRequestsStatement(ctx.db, now)])
  const doctors = await doctorsWithWaitingStatement(ctx.db, earliestToday(now), bounds.doctors)
  const offered = await offerFreeSlots(
    ctx,
    doctors.map((d) => d.doctorId),
  )
  return { expired: expired.length, offered }
}
