import { actorAuditStatement } from '../../../core/audit'
import { requireActor, type RequestContext } from '../../../core/context'
import { keysetPages, pageOf } from '../../../core/keyset-pages'
import { decodeCursor } from '../../../lib/cursor'
import { ForbiddenError } from '../../../lib/errors'
import { z } from 'zod'
import { findActiveSpecialties } from '../../specialties/queries'
import { clinicChoicesStatement } from '../../clinics/queries'
import { isClinicScoped } from '../../../core/clinic-scope'
import { adminAppointmentsStatement } from '../queries'
import type { AdminAppointmentsQuery } from '../schemas'
import { viewOf } from './access'

// The admins' appointments table (every admin: support admins see it without reasons, as
// everywhere). Changes go through the appointment's own page and the one state machine.
export const ADMIN_PAGE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.number(), id: z.string().max(40) })

function requireAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin') throw new ForbiddenError()
  return actor
}

const positionOf = (row: { startAt: Date; createdAt: Date; id: string }, sort: AdminAppointmentsQuery['sort']) => ({ v: (sort === 'created' ? row.createdAt : row.startAt).getTime(), id: row.id })

/** A page of the table, with the specialties its filter offers: one round trip. */
export async function adminAppointments(ctx: RequestContext, query: AdminAppointmentsQuery) {
  const actor = requireAdmin(ctx)
  // The clinic filter's choices only for those who see more than one clinic.
  const [rows, specialties, clinics] = await ctx.db.batch([
    adminAppointmentsStatement(ctx.db, actor, query, decodeCursor(query.cursor, Position), ADMIN_PAGE + 1),
    findActiveSpecialties(ctx.db),
    clinicChoicesStatement(ctx.db, isClinicScoped(actor)),
  ])
  const page = pageOf(rows, ADMIN_PAGE, (row) => positionOf(row, query.sort))
  return { items: page.items.map((row) => viewOf(row, actor)), nextCursor: page.nextCursor, specialties, clinics }
}

/** Every matching appointment, page by page (a streamed CSV export); audited. */
export async function* exportAdminAppointments(ctx: RequestContext, query: AdminAppointmentsQuery) {
  const actor = requireAdmin(ctx)
  await actorAuditStatement(ctx, { action: 'admin.appointments.exported', entityType: 'appointment', metadata: { filters: { ...query, cursor: undefined } } })
  for await (const rows of keysetPages((after: { v: number; id: string } | undefined) => adminAppointmentsStatement(ctx.db, actor, query, after, EXPORT_PAGE), (row) => positionOf(row, query.sort), EXPORT_PAGE)) {
    yield rows.map((row) => viewOf(row, actor))
  }
}
