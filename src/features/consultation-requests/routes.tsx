import { Hono, type Context } from 'hono'
import { AskPage } from '../../../views/consultation-requests/ask-page'
import { RequestInboxPage, RequestsPage } from '../../../views/consultation-requests/requests-page'
import { handleForm, NoFields, refusalSentence } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { bookableTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import type { FormState } from '../../core/shapes'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { getDoctorProfile } from '../doctors/service'
import { toApiRequest } from './present'
import { AskInput, DeclineInput, ProposeInput } from './schemas'
import { askForConsultation, confirmProposal, declineRequest, myRequests, proposeTime, requestInbox, withdrawRequest } from './service'

export const consultationRequestRoutes = new Hono<AppEnv>()

consultationRequestRoutes.use('/doctors/:id/request', requireRole('patient'))
consultationRequestRoutes.use('/requests', requireRole('patient'))
consultationRequestRoutes.use('/requests/*', requireRole('patient'))
consultationRequestRoutes.use('/doctor/requests', requireRole('doctor'))
consultationRequestRoutes.use('/doctor/requests/*', requireRole('doctor'))

const zone = (c: Context<AppEnv>) => viewerTimeZone(c, c.var.ctx.actor?.timezone ?? 'UTC').timezone

async function renderAsk(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const doctor = await getDoctorProfile(c.var.ctx, c.req.param('id')!)
  const types = bookableTypes(await settingsOf(c.var.ctx), doctor.consultation_types)
  return renderView(c, { title: `Ask ${doctor.name}`, body: <AskPage doctor={doctor} types={types} state={state} />, status })
}

consultationRequestRoutes.get('/doctors/:id/request', (c) => renderAsk(c))
consultationRequestRoutes.post('/doctors/:id/request', (c) =>
  handleForm(c, {
    schema: AskInput,
    input: (values) => ({ ...values, doctor_id: c.req.param('id') }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await askForConsultation(c.var.ctx, input)
      return c.redirect('/requests?done=sent', 303)
    },
    render: (state, refusal) => renderAsk(c, state, refusal.status),
  }),
)

const PATIENT_NOTICES: Record<string, string> = { sent: 'Your request is sent. We will tell you when the doctor proposes a time.', withdrawn: 'Your request is withdrawn.' }

async function renderMine(c: Context<AppEnv>, options: { error?: string; status?: ViewStatus } = {}) {
  const items = (await myRequests(c.var.ctx)).map(toApiRequest)
  return renderView(c, { title: 'Your consultation requests', body: <RequestsPage items={items} timezone={zone(c)} notice={PATIENT_NOTICES[c.req.query('done') ?? '']} error={options.error} />, status: options.status })
}

consultationRequestRoutes.get('/requests', (c) => renderMine(c))
consultationRequestRoutes.post('/requests/:id/confirm', (c) =>
  handleForm(c, {
    schema: NoFields,
    rethrow: (e) => e.status === 404,
    submit: async () => {
      const { appointment } = await confirmProposal(c.var.ctx, c.req.param('id'))
      return c.redirect(appointment.paymentDueBy ? `/appointments/${appointment.id}/pay` : `/appointments/${appointment.id}?booked=1`, 303)
    },
    render: (state, refusal) => renderMine(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)
consultationRequestRoutes.post('/requests/:id/withdraw', (c) =>
  handleForm(c, {
    schema: NoFields,
    rethrow: (e) => e.status === 404,
    submit: async () => {
      await withdrawRequest(c.var.ctx, c.req.param('id'))
      return c.redirect('/requests?done=withdrawn', 303)
    },
    render: (state, refusal) => renderMine(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)

const DOCTOR_NOTICES: Record<string, string> = { proposed: 'The time is proposed and held for the patient.', declined: 'The request is declined; the patient has been told.' }

async function renderInbox(c: Context<AppEnv>, options: { error?: string; status?: ViewStatus } = {}) {
  const { items, freeTimes } = await requestInbox(c.var.ctx)
  return renderView(c, { title: 'Consultation requests', body: <RequestInboxPage items={items.map(toApiRequest)} freeTimes={freeTimes} timezone={zone(c)} notice={DOCTOR_NOTICES[c.req.query('done') ?? '']} error={options.error} />, status: options.status })
}

consultationRequestRoutes.get('/doctor/requests', (c) => renderInbox(c))
consultationRequestRoutes.post('/doctor/requests/:id/propose', (c) =>
  handleForm(c, {
    schema: ProposeInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await proposeTime(c.var.ctx, c.req.param('id'), input.start)
      return c.redirect('/doctor/requests?done=proposed', 303)
    },
    render: (state, refusal) => renderInbox(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)
consultationRequestRoutes.post('/doctor/requests/:id/decline', (c) =>
  handleForm(c, {
    schema: DeclineInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await declineRequest(c.var.ctx, c.req.param('id'), input.reason)
      return c.redirect('/doctor/requests?done=declined', 303)
    },
    render: (state, refusal) => renderInbox(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)
