import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { QuestionnaireInput } from './schemas'
import { readIntake, saveQuestionnaire, specialtyQuestionnaire } from './service'

export const intakeApi = new Hono<AppEnv>()

// The booking questionnaire's answers, under the visit rule (audited).
intakeApi.get('/appointments/:id/intake', async (c) => c.json({ intake: await readIntake(c.var.ctx, c.req.param('id')) }))

// A specialty's questionnaire: the symptoms to tick and the red-flag questions.
intakeApi.get('/admin/specialties/:id/intake', requireRole('admin:super'), async (c) => c.json({ questionnaire: await specialtyQuestionnaire(c.var.ctx, c.req.param('id')) }))
intakeApi.put('/admin/specialties/:id/intake', requireRole('admin:super'), jsonBody(QuestionnaireInput), async (c) =>
  c.json({ questionnaire: await saveQuestionnaire(c.var.ctx, c.req.param('id'), c.req.valid('json')) }),
)
