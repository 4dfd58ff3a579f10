import { Hono, type Context } from 'hono'
import { AddHistoryForm, HistoryItem, HistoryPage } from '../../../views/patient-profile/history'
import { ProfilePage } from '../../../views/patient-profile/profile-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { NotFoundError } from '../../lib/errors'
import { isHtmx, renderView } from '../../core/page'
import { asFormValues, fieldErrors, formFields } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { BloodTypeInput, HISTORY_KINDS, isHistoryKind, ProfileInput, type HistoryKind } from './schemas'
import { addOwnHistoryItem, readHistory, readProfile, removeOwnHistoryItem, setOwnBloodType, updateOwnProfile } from './service'

// The patient's own profile and medical history pages.
export const patientProfileRoutes = new Hono<AppEnv>()

patientProfileRoutes.use('/record/profile', requireRole('patient'))
patientProfileRoutes.use('/record/history', requireRole('patient'))
patientProfileRoutes.use('/record/history/*', requireRole('patient'))

patientProfileRoutes.get('/record/profile', async (c) => {
  const profile = await readProfile(c.var.ctx, c.var.ctx.actor!.id)
  return renderView(c, { title: 'My profile', body: <ProfilePage state={{ values: asFormValues(profile) }} saved={c.req.query('saved') === '1'} /> })
})

patientProfileRoutes.post('/record/profile', async (c) => {
  const values = await formFields(c)
  const parsed = ProfileInput.safeParse(values)
  if (!parsed.success) return renderView(c, { title: 'My profile', status: 422, body: <ProfilePage state={{ values, errors: fieldErrors(parsed.error) }} /> })
  await updateOwnProfile(c.var.ctx, parsed.data)
  return c.redirect('/record/profile?saved=1', 303)
})

async function historyPage(c: Context<AppEnv>, forms: Partial<Record<HistoryKind, FormState>> = {}, bloodState?: FormState) {
  const history = await readHistory(c.var.ctx, c.var.ctx.actor!.id)
  const failed = Object.keys(forms).length > 0 || bloodState !== undefined
  return renderView(c, { title: 'Medical history', status: failed ? 422 : 200, body: <HistoryPage history={history} forms={forms} bloodState={bloodState} saved={c.req.query('saved') === '1'} /> })
}

patientProfileRoutes.get('/record/history', (c) => historyPage(c))

patientProfileRoutes.post('/record/history/blood-type', async (c) => {
  const values = await formFields(c)
  const parsed = BloodTypeInput.safeParse(values)
  if (!parsed.success) return historyPage(c, {}, { values, errors: fieldErrors(parsed.error) })
  await setOwnBloodType(c.var.ctx, parsed.data.blood_type)
  return c.redirect('/record/history?saved=1#blood', 303)
})

function historyKind(c: Context<AppEnv>) {
  const kind = c.req.param('kind') ?? ''
  if (!isHistoryKind(kind)) throw new NotFoundError()
  return kind
}

// htmx: a fresh form in place of the sent one, and the new entry appended to its list out of band.
patientProfileRoutes.post('/record/history/:kind', async (c) => {
  const kind = historyKind(c)
  const values = await formFields(c)
  const parsed = HISTORY_KINDS[kind].safeParse(values)
  if (!parsed.success) {
    const state = { values, errors: fieldErrors(parsed.error) }
    return isHtmx(c) ? c.html(<AddHistoryForm kind={kind} state={state} />, 422) : historyPage(c, { [kind]: state })
  }
  const item = await addOwnHistoryItem(c.var.ctx, { kind, item: parsed.data } as never)
  if (!isHtmx(c)) return c.redirect(`/record/history?saved=1#${kind}`, 303)
  return c.html(
    <>
      <AddHistoryForm kind={kind} />
      <ul hx-swap-oob={`beforeend:#list-${kind}`}>
        <HistoryItem kind={kind} item={item} />
      </ul>
    </>,
  )
})

patientProfileRoutes.post('/record/history/:kind/:id/delete', async (c) => {
  const kind = historyKind(c)
  await removeOwnHistoryItem(c.var.ctx, { kind, id: c.req.param('id') })
  return isHtmx(c) ? c.html('') : c.redirect(`/record/history?saved=1#${kind}`, 303)
})
