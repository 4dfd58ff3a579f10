import { Hono, type Context } from 'hono'
import { IntakePage } from '../../../views/intake/intake-page'
import { QuestionnairePage } from '../../../views/intake/questionnaire-page'
import { handleForm } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { FormState } from '../../core/shapes'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { QuestionnaireForm } from './schemas'
import { readIntake, saveQuestionnaire, specialtyQuestionnaire } from './service'

export const intakeRoutes = new Hono<AppEnv>()

intakeRoutes.use('/admin/specialties/:id/intake', requireRole('admin:super'))

// The answers a visit's patient gave when booking (their doctor reads them before the visit).
intakeRoutes.get('/appointments/:id/intake', async (c) => {
  const id = c.req.param('id')
  const intake = await readIntake(c.var.ctx, id)
  return renderView(c, { title: 'Answers before the visit', body: <IntakePage appointmentId={id} intake={intake} timezone={viewerTimeZone(c, c.var.ctx.actor?.timezone ?? 'UTC').timezone} /> })
})

async function renderQuestionnaire(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const specialty = await specialtyQuestionnaire(c.var.ctx, c.req.param('id')!)
  const notice = c.req.query('done') === 'saved' ? 'The questionnaire is saved. New bookings ask it.' : undefined
  return renderView(c, { title: `Questionnaire: ${specialty.name}`, body: <QuestionnairePage specialty={specialty} state={state} notice={notice} />, status })
}

intakeRoutes.get('/admin/specialties/:id/intake', (c) => renderQuestionnaire(c))

intakeRoutes.post('/admin/specialties/:id/intake', (c) =>
  handleForm(c, {
    schema: QuestionnaireForm,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await saveQuestionnaire(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/admin/specialties/${c.req.param('id')}/intake?done=saved`, 303)
    },
    render: (state, refusal) => renderQuestionnaire(c, state, refusal.status),
  }),
)
