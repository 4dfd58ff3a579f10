import { Hono, type Context } from 'hono'
import { AddHistoryForm, entryName, HISTORY_VIEW, HistoryItem, HistoryPage, RemovedItem } from '../../../views/patient-profile/history'
import { ConfirmStep, isConfirmed } from '../../../views/components/confirm-step'
import { ProfilePage } from '../../../views/patient-profile/profile-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { NotFoundError } from '../../lib/errors'
import { isHtmx, renderView, type ViewStatus } from '../../core/page'
import { asFormValues, formFields } from '../../lib/validator'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { handleForm } from '../../core/form'
import { requireRole } from '../../middleware/access-control'
import { BloodTypeInput, HISTORY_KINDS, isHistoryKind, ProfileInput, type HistoryKind } from './schemas'
import type { ApiHistoryItem } from './present'
import { addOwnHistoryItem, readHistory, readProfile, removeOwnHistoryItem, setOwnBloodType, updateOwnProfile } from './service'

// The patient's own profile and medical history pages.
export const patientProfileRoutes = new Hono<AppEnv>()

patientProfileRoutes.use('/record/profile', requireRole('patient'))
patientProfileRoutes.use('/record/history', requireRole('patient'))
patientProfileRoutes.use('/record/history/*', requireRole('patient'))

patientProfileRoutes.get('/record/profile', async (c) => {
  const profile = await readProfile(c.var.ctx, c.var.ctx.actor!.id)
  // An unknown zone is offered as the one this device is in.
  const values = { ...asFormValues(profile), timezone: profile.timezone ?? viewerTimeZone(c, 'UTC').timezone }
  return renderView(c, { title: 'My profile', body: <ProfilePage state={{ values }} saved={c.req.query('saved') === '1'} /> })
})

patientProfileRoutes.post('/record/profile', (c) =>
  handleForm(c, {
    schema: ProfileInput,
    submit: async (input) => {
      await updateOwnProfile(c.var.ctx, input)
      return c.redirect('/record/profile?saved=1', 303)
    },
    render: (state, refusal) => renderView(c, { title: 'My profile', status: refusal.status, body: <ProfilePage state={state} /> }),
  }),
)

async function historyPage(c: Context<AppEnv>, refused?: { forms?: Partial<Record<HistoryKind, FormState>>; bloodState?: FormState; status?: ViewStatus; removed?: { kind: HistoryKind; item: ApiHistoryItem } }) {
  const history = await readHistory(c.var.ctx, c.var.ctx.actor!.id)
  const body = <HistoryPage history={history} forms={refused?.forms ?? {}} bloodState={refused?.bloodState} saved={c.req.query('saved') === '1'} removed={refused?.removed} />
  return renderView(c, { title: 'Medical history', status: refused?.status ?? 200, body })
}

patientProfileRoutes.get('/record/history', (c) => historyPage(c))

patientProfileRoutes.post('/record/history/blood-type', (c) =>
  handleForm(c, {
    schema: BloodTypeInput,
    submit: async (input) => {
      await setOwnBloodType(c.var.ctx, input.blood_type)
      return c.redirect('/record/history?saved=1#blood', 303)
    },
    render: (bloodState, refusal) => historyPage(c, { bloodState, status: refusal.status }),
  }),
)

function historyKind(c: Context<AppEnv>) {
  const kind = c.req.param('kind') ?? ''
  if (!isHistoryKind(kind)) throw new NotFoundError()
  return kind
}

// htmx: a fresh form in place of the sent one, and the new entry appended to its list out of band.
patientProfileRoutes.post('/record/history/:kind', (c) => {
  const kind = historyKind(c)
  return handleForm(c, {
    schema: HISTORY_KINDS[kind],
    submit: async (input, values) => {
      const item = await addOwnHistoryItem(c.var.ctx, { kind, item: input } as never)
      if (!isHtmx(c)) return c.redirect(`/record/history?saved=1#${kind}`, 303)
      // Undo of a removal: the entry comes back in place of the "Removed" line.
      if (values.undo === '1') return c.html(<HistoryItem kind={kind} item={item} />)
      return c.html(
        <>
          <AddHistoryForm kind={kind} />
          <ul hx-swap-oob={`beforeend:#list-${kind}`}>
            <HistoryItem kind={kind} item={item} />
          </ul>
        </>,
      )
    },
    render: (state, refusal) => (isHtmx(c) ? c.html(<AddHistoryForm kind={kind} state={state} />, refusal.status) : historyPage(c, { forms: { [kind]: state }, status: refusal.status })),
  })
})

// Removing asks first (htmx: the browser's dialog sent confirmed=1), then offers an Undo.
patientProfileRoutes.post('/record/history/:kind/:id/delete', async (c) => {
  const kind = historyKind(c)
  const id = c.req.param('id')
  const values = await formFields(c)
  if (!isConfirmed(values)) {
    const history = await readHistory(c.var.ctx, c.var.ctx.actor!.id)
    const item = history[HISTORY_VIEW[kind].key].find((i) => i.id === id)
    if (!item) throw new NotFoundError('No such entry in your history.')
    return renderView(c, {
      title: 'Remove from your record?',
      body: <ConfirmStep action={`/record/history/${kind}/${id}/delete`} question={`Remove ${entryName(kind, item)} from your record?`} confirmLabel="Yes, remove it" backHref={`/record/history#${kind}`} backLabel="No, keep it" values={values} />,
    })
  }
  const removed = await removeOwnHistoryItem(c.var.ctx, { kind, id })
  return isHtmx(c) ? c.html(<RemovedItem kind={kind} item={removed} />) : historyPage(c, { removed: { kind, item: removed } })
})
