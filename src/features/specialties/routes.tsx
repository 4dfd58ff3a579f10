import { Hono, type Context } from 'hono'
import { SpecialtiesPage } from '../../../views/admin/specialties-page'
import type { FormState } from '../../../views/components/form'
import { handleForm } from '../../core/form'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { requireRole } from '../../middleware/access-control'
import { z } from 'zod'
import { SpecialtyInput, SpecialtyName } from './schemas'
import { addSpecialty, changeSpecialty, listAllSpecialties } from './service'

export const specialtyRoutes = new Hono<AppEnv>()

specialtyRoutes.use('/admin/specialties', requireRole('admin:super'))
specialtyRoutes.use('/admin/specialties/*', requireRole('admin:super'))

const NOTICES: Record<string, string> = { added: 'Added: doctors can apply under it and patients find it.', changed: 'Saved.' }

async function renderSpecialties(c: Context<AppEnv>, state?: FormState, status?: 422 | 409) {
  const items = await listAllSpecialties(c.var.ctx)
  return renderView(c, { title: 'Specialties', body: <SpecialtiesPage items={items} state={state} notice={NOTICES[c.req.query('done') ?? '']} />, status })
}

specialtyRoutes.get('/admin/specialties', (c) => renderSpecialties(c))

specialtyRoutes.post('/admin/specialties', (c) =>
  handleForm(c, {
    schema: SpecialtyInput,
    submit: async (input) => {
      await addSpecialty(c.var.ctx, input.name)
      return c.redirect('/admin/specialties?done=added', 303)
    },
    render: (state, refusal) => renderSpecialties(c, state, refusal.status as 422 | 409),
  }),
)

// One form renames (name), the other retires or restores (active).
const ChangeForm = z.object({ name: SpecialtyName.optional(), active: z.enum(['true', 'false']).optional() })

specialtyRoutes.post('/admin/specialties/:id', (c) =>
  handleForm(c, {
    schema: ChangeForm,
    submit: async (input) => {
      await changeSpecialty(c.var.ctx, c.req.param('id'), { name: input.name, active: input.active === undefined ? undefined : input.active === 'true' })
      return c.redirect('/admin/specialties?done=changed', 303)
    },
    render: (state, refusal) => renderSpecialties(c, state, refusal.status as 422 | 409),
  }),
)
