import { actorAuditStatement } from '../../core/audit'
import { seesClinic } from '../../core/clinic-scope'
import { requireActor, requireSuperAdmin, type RequestContext } from '../../core/context'
import { isClinicAdmin } from '../../core/actor'
import { isUniqueViolation } from '../../db/errors'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { clinicDoctorsStatement, clinicsStatement, clinicStatement, insertClinicStatement, updateClinicStatement } from './queries'
import type { ClinicInput } from './schemas'

// Clinics: super admins add and edit them; a clinic admin sees their own. Which doctors belong
// to a clinic is set on the doctor's page (doctor-admin), which admins on the admin's page.
const REFUSAL = 'Only a super admin adds or changes clinics.'

function requireClinicReader(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isClinicAdmin(actor)) throw new ForbiddenError()
  return actor
}

/** The clinics the admin may see: all for a super admin, their own for a clinic admin. */
export async function listClinics(ctx: RequestContext) {
  const actor = requireClinicReader(ctx)
  return clinicsStatement(ctx.db, actor.adminRole === 'clinic' ? actor.clinicId : undefined)
}

/** One clinic with its doctors (one round trip); 404 for a clinic the admin may not see. */
export async function clinicDetail(ctx: RequestContext, id: string) {
  const actor = requireClinicReader(ctx)
  const [[clinic], doctors] = await ctx.db.batch([clinicStatement(ctx.db, id), clinicDoctorsStatement(ctx.db, id)])
  if (!clinic || !seesClinic(actor, clinic.id)) throw new NotFoundError('No such clinic.')
  return { clinic, doctors }
}

export async function addClinic(ctx: RequestContext, input: ClinicInput) {
  requireSuperAdmin(ctx, REFUSAL)
  const [row] = await uniqueName(insertClinicStatement(ctx.db, input))
  await actorAuditStatement(ctx, { action: 'admin.clinic.added', entityType: 'clinic', entityId: row!.id, metadata: { after: input } })
  return row!.id
}

export async function changeClinic(ctx: RequestContext, id: string, input: ClinicInput) {
  requireSuperAdmin(ctx, REFUSAL)
  const [before] = await clinicStatement(ctx.db, id)
  if (!before) throw new NotFoundError('No such clinic.')
  await ctx.db.batch([
    updateClinicStatement(ctx.db, id, input, ctx.now),
    actorAuditStatement(ctx, { action: 'admin.clinic.changed', entityType: 'clinic', entityId: id, metadata: { before: { name: before.name, address: before.address, phone: before.phone, email: before.email }, after: input } }),
  ]).catch(conflictOnName)
}

function conflictOnName(err: unknown): never {
  if (isUniqueViolation(err, 'clinics')) throw new ConflictError('A clinic with this name already exists.')
  throw err
}

const uniqueName = <T>(write: PromiseLike<T>) => Promise.resolve(write).catch(conflictOnName)
