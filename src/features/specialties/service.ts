import { actorAuditStatement } from '../../core/audit'
import { requireActor, type RequestContext } from '../../core/context'
import { isUniqueViolation } from '../../db/errors'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { allSpecialtiesStatement, insertSpecialtyStatement, specialtyStatement, updateSpecialtyStatement } from './queries'

// Super admins keep the list of specialties: add one, rename one, retire one (it leaves search
// and sign-up; its doctors keep it) or bring it back. Audited with before and after.
function requireSuperAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin' || actor.adminRole !== 'super') throw new ForbiddenError('Only super admins change the specialties.')
  return actor
}

export const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

export async function listAllSpecialties(ctx: RequestContext) {
  requireSuperAdmin(ctx)
  return allSpecialtiesStatement(ctx.db)
}

export async function addSpecialty(ctx: RequestContext, name: string) {
  requireSuperAdmin(ctx)
  const slug = slugOf(name)
  try {
    const [row] = await insertSpecialtyStatement(ctx.db, { name, slug })
    await actorAuditStatement(ctx, { action: 'admin.specialty.added', entityType: 'specialty', entityId: row!.id, metadata: { after: { name, slug } } })
    return row!.id
  } catch (err) {
    if (isUniqueViolation(err, 'specialties')) throw new ConflictError('A specialty with this name already exists.')
    throw err
  }
}

export async function changeSpecialty(ctx: RequestContext, id: string, change: { name?: string; active?: boolean }) {
  requireSuperAdmin(ctx)
  const [before] = await specialtyStatement(ctx.db, id)
  if (!before) throw new NotFoundError('No such specialty.')
  await ctx.db.batch([
    updateSpecialtyStatement(ctx.db, id, change),
    actorAuditStatement(ctx, { action: 'admin.specialty.changed', entityType: 'specialty', entityId: id, metadata: { before: { name: before.name, active: before.active }, after: { name: change.name ?? before.name, active: change.active ?? before.active } } }),
  ])
}
