import { encodeBase64 } from '../../lib/encoding'
import { CONSULTATION_LABELS, formatDateTime } from '../../lib/format'
import type { RequestContext } from '../../core/context'
import type { EmailMessage } from '../../core/mail/outbox'
import { sendEmails } from '../../core/mail/send'
import { emailLinks } from '../mail/links'
import { addressLine, mapLink } from '../../lib/map-link'
import { appointmentMessage } from '../mail/templates'
import { appointmentIcs, type CalendarEvent } from './ics'
import type { AppointmentRow } from './queries'
import type { Action, AppointmentRole } from './state-machine'

type Row = NonNullable<AppointmentRow>
type Party = 'patient' | 'doctor'

function partyOf(row: Row, party: Party) {
  return party === 'patient'
    ? { email: row.patientEmail, name: row.patientName, timezone: row.patientTimezone, other: row.doctorName }
    : { email: row.doctorEmail, name: row.doctorName, timezone: row.doctorTimezone, other: row.patientName }
}

/** The calendar event of an appointment: no reason for the visit, only the way to the page. */
export function calendarEvent(ctx: Pick<RequestContext, 'env'>, row: Row): CalendarEvent {
  return {
    id: row.id,
    start: row.startAt,
    end: row.endAt,
    summary: `${CONSULTATION_LABELS[row.type]}: ${row.patientName} with ${row.doctorName}`,
    description: 'An appointment on MediConnect. The details are on the appointment page.',
    url: emailLinks.appointment(ctx, row.id),
    status: row.status,
    updatedAt: row.updatedAt,
    domain: new URL(ctx.env.APP_ORIGIN).hostname,
    location: whereOf(row),
  }
}

// Where an in-person visit takes place, as one line; undefined for the others.
function whereOf(row: Row): string | undefined {
  return row.type === 'in_person' && row.practiceAddress ? addressLine(row.practiceAddress, row.doctorCity) : undefined
}

export function calendarFile(ctx: Pick<RequestContext, 'env'>, row: Row) {
  return appointmentIcs(calendarEvent(ctx, row))
}

function message(ctx: RequestContext, row: Row, party: Party, subject: string, headline: string, details: string[] = [], withCalendar = false): EmailMessage {
  const to = partyOf(row, party)
  const content = appointmentMessage({
    name: to.name,
    subject,
    headline,
    when: `${formatDateTime(row.startAt, to.timezone)} (${to.timezone.replace(/_/g, ' ')})`,
    details: [`Type: ${CONSULTATION_LABELS[row.type]}`, ...(whereOf(row) ? [`Where: ${whereOf(row)} (map: ${mapLink(row.practiceAddress!, row.doctorCity)})`] : []), ...details],
    link: emailLinks.appointment(ctx, row.id),
  })
  const attachments = withCalendar
    ? [{ name: 'appointment.ics', contentType: 'text/calendar; charset=utf-8', contentBase64: encodeBase64(new TextEncoder().encode(calendarFile(ctx, row))) }]
    : undefined
  return { to: to.email, ...content, attachments }
}

// Emails are no place for medical details (they sit in mailboxes, on lock screens, with mail
// providers): like prescriptions, they say there is something to read and link to it. No reason
// for the visit, no reason for a change, no specialty.
const REASON_ON_THE_PAGE = 'The reason for the visit is on the appointment page.'
const GAVE_A_REASON = 'They gave a reason you can read on the appointment page.'

// A new booking: the patient gets the confirmation (with a calendar file), the doctor the news.
export function notifyBooked(ctx: RequestContext, row: Row) {
  const confirmed = row.status === 'confirmed'
  return sendEmails(ctx, [
    message(
      ctx,
      row,
      'patient',
      confirmed ? `Your appointment with ${row.doctorName} is confirmed` : `Your request to ${row.doctorName} is sent`,
      confirmed
        ? `Your appointment with ${row.doctorName} is booked and confirmed.`
        : `${row.doctorName} will accept or decline your request soon; we will email you either way.`,
      [],
      true,
    ),
    message(
      ctx,
      row,
      'doctor',
      confirmed ? `New appointment: ${row.patientName}` : `New appointment request: ${row.patientName}`,
      confirmed ? `${row.patientName} booked an appointment with you.` : `${row.patientName} asks for an appointment. Please accept or decline it.`,
      [REASON_ON_THE_PAGE],
    ),
  ])
}

const HEADLINES: Record<Exclude<Action, 'reschedule'>, (by: string) => string> = {
  confirm: (by) => `${by} confirmed the appointment.`,
  reject: (by) => `${by} declined the appointment request.`,
  cancel: (by) => `${by} cancelled the appointment.`,
  complete: (by) => `${by} marked the appointment as completed.`,
  no_show: (by) => `${by} recorded the appointment as missed.`,
}
const SUBJECTS: Record<Exclude<Action, 'reschedule'>, string> = {
  confirm: 'Appointment confirmed',
  reject: 'Appointment request declined',
  cancel: 'Appointment cancelled',
  complete: 'Appointment completed',
  no_show: 'Appointment missed',
}

// Everyone affected by a change except the person who made it (an admin's change tells both); a
// patient who cancels or moves their own appointment is sent the record of it too.
function recipients(actor: AppointmentRole, action: Action): Party[] {
  if (actor === 'patient') return action === 'cancel' || action === 'reschedule' ? ['doctor', 'patient'] : ['doctor']
  return actor === 'doctor' ? ['patient'] : ['patient', 'doctor']
}

// Who made the change, as the reader of the email is told: "You" to the one who made it.
function actorName(row: Row, actor: AppointmentRole, reader: Party) {
  if (actor === reader) return 'You'
  return actor === 'patient' ? row.patientName : actor === 'doctor' ? row.doctorName : 'The clinic'
}

export function notifyTransition(ctx: RequestContext, row: Row, action: Exclude<Action, 'reschedule'>, actor: AppointmentRole, reason?: string) {
  const withCalendar = action === 'confirm' || action === 'cancel' || action === 'reject'
  // A patient whose appointment the doctor (or the clinic) called off is offered another time.
  const rebook = (party: Party) => (party === 'patient' && actor !== 'patient' && (action === 'cancel' || action === 'reject') ? [`Choose another time with ${row.doctorName}: ${emailLinks.doctorTimes(ctx, row.doctorId)}`] : [])
  return sendEmails(
    ctx,
    recipients(actor, action).map((party) =>
      message(ctx, row, party, `${SUBJECTS[action]}: ${partyOf(row, party).other}`, HEADLINES[action](actorName(row, actor, party)), [...(reason && party !== actor ? [GAVE_A_REASON] : []), ...rebook(party)], withCalendar),
    ),
  )
}

export function notifyRescheduled(ctx: RequestContext, row: Row, actor: AppointmentRole, previousStart: Date) {
  return sendEmails(
    ctx,
    recipients(actor, 'reschedule').map((party) =>
      message(ctx, row, party, `Appointment moved: ${partyOf(row, party).other}`, `${actorName(row, actor, party)} moved the appointment to a new time.`, [
        `It was: ${formatDateTime(previousStart, partyOf(row, party).timezone)}`,
      ], true),
    ),
  )
}
