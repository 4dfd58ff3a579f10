import type { Context } from 'hono'
import { AppointmentDetailPage } from '../../../views/appointments/detail-page'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { toApiAppointment } from './present'
import { appointmentForPage } from './service'

// Each party sees times in their own zone unless they chose one.
export function zoneFor(c: Context<AppEnv>, row: { patientTimezone: string; doctorTimezone: string }, actor: string) {
  return viewerTimeZone(c, actor === 'doctor' ? row.doctorTimezone : row.patientTimezone).timezone
}

// An appointment's page, with a notice or the refusal of what was just tried; other features'
// forms that act on an appointment (attaching a document) come back here too.
export async function renderDetail(c: Context<AppEnv>, id: string, extra: { notice?: string | ((told: { patient: string; doctor: string; other: string }) => string); error?: string; status?: ViewStatus } = {}) {
  const page = await appointmentForPage(c.var.ctx, id)
  const timezone = zoneFor(c, page.row, page.role)
  const other = page.role === 'patient' ? page.row.doctorName : page.role === 'doctor' ? page.row.patientName : `${page.row.patientName} and ${page.row.doctorName}`
  const notice = typeof extra.notice === 'function' ? extra.notice({ patient: page.row.patientName, doctor: page.row.doctorName, other }) : extra.notice
  return renderView(c, {
    title: 'Appointment',
    status: extra.status,
    // The doctor's attach-a-document form uploads with progress.
    scripts: page.role === 'doctor' ? ['upload'] : undefined,
    body: <AppointmentDetailPage appointment={toApiAppointment(page.appointment)} viewerRole={page.role} actions={page.actions} blocked={page.blocked} timezone={timezone} notice={notice} error={extra.error} />,
  })
}
