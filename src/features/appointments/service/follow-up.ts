import type { RequestContext } from '../../../core/context'
import { actorAuditStatement } from '../../../core/audit'
import { noticesStatements, type Notice } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { ConflictError, ForbiddenError } from '../../../lib/errors'
import { formatDay } from '../../../lib/format'
import { addDays, dateKey, instantFromWallTime, parseDateKey, wallTimeIn } from '../../../lib/time'
import { emailLinks } from '../../mail/links'
import { followUpMessage } from '../../mail/templates'
import { appointmentChanged, followUpStatement } from '../queries'
import { loadForActor, viewOf } from './access'

/**
 * From a visit, its doctor proposes a follow-up in so many days or weeks: the day is kept with
 * the visit, and the patient is sent a link that opens the doctor's free times from that day.
 */
export async function proposeFollowUp(ctx: RequestContext, id: string, after: { days: number }) {
  const { actor, row, role } = await loadForActor(ctx, id)
  if (role !== 'doctor') throw new ForbiddenError('Only the doctor of a visit proposes a follow-up.')
  if (row.status !== 'confirmed' && row.status !== 'completed') throw new ConflictError('A follow-up is proposed from a visit that is confirmed or completed.', 'invalid_transition')
  // The day is counted from the visit (or from today, for a visit long past) in the doctor's zone.
  const from = row.startAt > ctx.now ? row.startAt : ctx.now
  const day = dateKey(addDays(wallTimeIn(from, row.doctorTimezone), after.days))
  const around = formatDay(instantFromWallTime(parseDateKey(day), 12 * 60, row.patientTimezone), row.patientTimezone)
  const link = emailLinks.doctorTimesFrom(ctx, row.doctorId, day)
  const notice: Notice = {
    userId: row.patientId,
    kind: 'offer',
    title: `${row.doctorName} suggests a follow-up visit`,
    body: `Around ${around}`,
    link: `/doctors/${row.doctorId}?from=${day}`,
    email: { to: row.patientEmail, ...followUpMessage({ name: row.patientName, doctorName: row.doctorName, around, link }) },
  }
  await ctx.db.batch([
    followUpStatement(ctx.db, id, day, ctx.now),
    actorAuditStatement(ctx, { action: 'appointment.follow_up_proposed', entityType: 'appointment', entityId: id, subjectUserId: row.patientId, metadata: { around: day } }),
    ...noticesStatements(ctx, [notice], appointmentChanged(id, { updatedAt: ctx.now })),
  ])
  afterNotices(ctx, [notice])
  return viewOf({ ...row, followUpOn: day, updatedAt: ctx.now }, actor)
}
