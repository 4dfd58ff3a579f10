import { tablePage } from '../../core/table-page'
import { Hono } from 'hono'
import { AdminAppointmentsPage } from '../../../views/admin/appointments-page'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { toApiAppointment } from './present'
import { AdminAppointmentsQuery } from './schemas'
import { adminAppointments } from './service/admin-list'

// The admins' appointments table; each row opens the appointment's own page, where admins
// cancel, move (with the slot picker) or record a missed visit as the state machine allows.
export const adminAppointmentRoutes = new Hono<AppEnv>()

adminAppointmentRoutes.get('/admin/appointments', requireRole('admin'), async (c) => {
  const { query, page, fields, understood } = await tablePage(c, AdminAppointmentsQuery, (q) => adminAppointments(c.var.ctx, q))
  const state = { ...fields, sort: query.sort, dir: query.dir }
  return renderView(c, {
    title: 'Appointments',
    body: (
      <AdminAppointmentsPage
        items={page.items.map(toApiAppointment)}
        state={state}
        nextCursor={page.nextCursor}
        timezone={viewerTimeZone(c, 'UTC').timezone}
        specialties={page.specialties}
        clinics={page.clinics}
        error={understood ? undefined : 'Some filters were not understood, so every appointment is shown.'}
      />
    ),
  })
})
