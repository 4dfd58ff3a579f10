import { Hono, type Context } from 'hono'
import { ClinicPage, ClinicsPage } from '../../../views/admin/clinics-page'
import type { FormState } from '../../../views/components/form'
import { requireActor } from '../../core/context'
import { handleForm } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { requireRole } from '../../middleware/access-control'
import { toApiClinic } from './present'
import { ClinicInput } from './schemas'
import { addClinic, changeClinic, clinicDetail, listClinics } from './service'

export const clinicRoutes = new Hono<AppEnv>()

clinicRoutes.use('/admin/clinics', requireRole('admin:super', 'admin:clinic'))
clinicRoutes.use('/admin/clinics/*', requireRole('admin:super', 'admin:clinic'))

const NOTICES: Record<string, string> = { added: 'The clinic is added: assign its doctors on their pages.', saved: 'Saved.' }
const canEdit = (c: Context<AppEnv>) => requireActor(c.var.ctx).adminRole === 'super'

async function renderClinics(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const items = (await listClinics(c.var.ctx)).map(toApiClinic)
  return renderView(c, { title: 'Clinics', body: <ClinicsPage items={items} canEdit={canEdit(c)} state={state} notice={NOTICES[c.req.query('done') ?? '']} />, status })
}

async function renderClinic(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const { clinic, doctors } = await clinicDetail(c.var.ctx, c.req.param('id')!)
  return renderView(c, { title: clinic.name, body: <ClinicPage clinic={toApiClinic(clinic)} doctors={doctors} canEdit={canEdit(c)} state={state} notice={NOTICES[c.req.query('done') ?? '']} />, status })
}

clinicRoutes.get('/admin/clinics', (c) => renderClinics(c))
clinicRoutes.post('/admin/clinics', requireRole('admin:super'), (c) =>
  handleForm(c, {
    schema: ClinicInput,
    submit: async (input) => c.redirect(`/admin/clinics/${await addClinic(c.var.ctx, input)}?done=added`, 303),
    render: (state, refusal) => renderClinics(c, state, refusal.status),
  }),
)
clinicRoutes.get('/admin/clinics/:id', (c) => renderClinic(c))
clinicRoutes.post('/admin/clinics/:id', requireRole('admin:super'), (c) =>
  handleForm(c, {
    schema: ClinicInput,
    submit: async (input) => {
      await changeClinic(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/admin/clinics/${c.req.param('id')}?done=saved`, 303)
    },
    render: (state, refusal) => renderClinic(c, state, refusal.status),
  }),
)
