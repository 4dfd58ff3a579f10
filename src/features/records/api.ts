import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { ListQuery } from '../../core/input'
import { PatientsQuery } from './schemas'
import { recordReader } from '../../core/record-access'
import { listDoctorPatients, listRecordAccess, patientRecord } from './service'
import { parseKeyRing } from '../../lib/field-crypto'

// The record as a whole: a doctor's patients and the patient's "who saw my record".
export const recordsApi = new Hono<AppEnv>()

recordsApi.get('/doctor/patients', requireRole('doctor'), queryParams(PatientsQuery), async (c) =>
  c.json(await listDoctorPatients(c.var.db, c.var.ctx.actor!.doctorId!, c.req.valid('query'))),
)

recordsApi.get('/doctor/patients/:id', requireRole('doctor'), async (c) => c.json(await patientRecord(c.var.db, parseKeyRing(c.env.ENCRYPTION_KEYS), recordReader(c), c.req.param('id'))))

recordsApi.get('/patient/access-log', requireRole('patient'), queryParams(ListQuery), async (c) =>
  c.json(await listRecordAccess(c.var.db, c.var.ctx.actor!.id, c.req.valid('query'))),
)
