import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { ListQuery } from '../../core/input'
import { PatientsQuery } from './schemas'
import { listDoctorPatients, listRecordAccess, patientRecord } from './service'

// The record as a whole: a doctor's patients and the patient's "who saw my record".
export const recordsApi = new Hono<AppEnv>()

recordsApi.get('/doctor/patients', requireRole('doctor'), queryParams(PatientsQuery), async (c) =>
  c.json(await listDoctorPatients(c.var.ctx, c.req.valid('query'))),
)

recordsApi.get('/doctor/patients/:id', requireRole('doctor'), async (c) => c.json(await patientRecord(c.var.ctx, c.req.param('id'))))

recordsApi.get('/patient/access-log', requireRole('patient'), queryParams(ListQuery), async (c) =>
  c.json(await listRecordAccess(c.var.ctx, c.req.valid('query'))),
)
