import { encodeBase64 } from '../../lib/encoding'
import { CONSULTATION_LABELS, formatDateTime } from '../../lib/format'
import type { RequestContext } from '../../core/context'
import type { EmailMessage } from '../../core/mail/outbox'
import { appLink } from '../../core/mail/send'
import type { NoticeKind } from '../../core/notices/kinds'
import type { Notice } from '../../core/notices/queries'
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

// The notice of a change to one party: in-app, its email, and (for urgent kinds) a text message.
function noticeTo(ctx: RequestContext, row: Row, party: Party, kind: NoticeKind, email: EmailMessage, sms?: string): Notice {
  return {
    userId: party === 'patient' ? row.patientId : row.doctorUserId,
    kind,
    title: email.subject,
    body: `${formatDateTime(row.startAt, partyOf(row, party).timezone)} · ${CONSULTATION_LABELS[row.type]}`,
    link: `/appointments/${row.id}`,
    email,
    sms: sms ? `MediConnect: ${sms} ${emailLinks.appointment(ctx, row.id)}` : undefined,
  }
}

// A new booking: the patient gets the confirmation (with a calendar file), the doctor the news.
export function bookedNotices(ctx: RequestContext, row: Row): Notice[] {
  const confirmed = row.status === 'confirmed'
  return [
    noticeTo(
      ctx,
      row,
      'patient',
      'appointment_booked',
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
    ),
    noticeTo(
      ctx,
      row,
      'doctor',
      'appointment_booked',
      message(
        ctx,
        row,
        'doctor',
        confirmed ? `New appointment: ${row.patientName}` : `New appointment request: ${row.patientName}`,
        confirmed ? `${row.patientName} booked an appointment with you.` : `${row.patientName} asks for an appointment. Please accept or decline it.`,
        [REASON_ON_THE_PAGE],
      ),
    ),
  ]
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

// A patient whose appointment the doctor (or the clinic) called off is offered another time.
function rebookLine(ctx: RequestContext, row: Row) {
  return `Choose another time with ${row.doctorName}: ${emailLinks.doctorTimes(ctx, row.doctorId)}`
}

export function transitionNotices(ctx: RequestContext, row: Row, action: Exclude<Action, 'reschedule'>, actor: AppointmentRole, reason?: string): Notice[] {
  const withCalendar = action === 'confirm' || action === 'cancel' || action === 'reject'
  const rebook = (party: Party) => (party === 'patient' && actor !== 'patient' && (action === 'cancel' || action === 'reject') ? [rebookLine(ctx, row)] : [])
  // A visit called off by someone else is urgent enough for a text message, if the person wants one.
  const urgent = (party: Party) => (action === 'cancel' && party !== actor ? `${HEADLINES.cancel(actorName(row, actor, party))} (${formatDateTime(row.startAt, partyOf(row, party).timezone)})` : undefined)
  return recipients(actor, action).map((party) =>
    noticeTo(
      ctx,
      row,
      party,
      'appointment_changed',
      message(ctx, row, party, `${SUBJECTS[action]}: ${partyOf(row, party).other}`, HEADLINES[action](actorName(row, actor, party)), [...(reason && party !== actor ? [GAVE_A_REASON] : []), ...rebook(party)], withCalendar),
      urgent(party),
    ),
  )
}

export function rescheduledNotices(ctx: RequestContext, row: Row, actor: AppointmentRole, previousStart: Date): Notice[] {
  return recipients(actor, 'reschedule').map((party) =>
    noticeTo(
      ctx,
      row,
      party,
      'appointment_changed',
      message(ctx, row, party, `Appointment moved: ${partyOf(row, party).other}`, `${actorName(row, actor, party)} moved the appointment to a new time.`, [
        `It was: ${formatDateTime(previousStart, partyOf(row, party).timezone)}`,
      ], true),
      party !== actor ? `${actorName(row, actor, party)} moved your appointment to ${formatDateTime(row.startAt, partyOf(row, party).timezone)}.` : undefined,
    ),
  )
}

// How to get to the visit: the call page, the conversation, or the address.
function howToJoin(ctx: RequestContext, row: Row): string {
  if (row.type === 'video') return `Join the video call from the appointment page (it opens shortly before the start): ${appLink(ctx, `/appointments/${row.id}/call`)}`
  if (row.type === 'chat') return `The consultation takes place in the appointment's conversation: ${emailLinks.appointment(ctx, row.id)}`
  return whereOf(row) ? `Where: ${whereOf(row)} (map: ${mapLink(row.practiceAddress!, row.doctorCity)})` : `The address is on the appointment page.`
}

/** A reminder to the patient, before a confirmed visit: when, how to join, how to change it. */
export function reminderNotice(ctx: RequestContext, row: Row): Notice {
  const when = formatDateTime(row.startAt, row.patientTimezone)
  const content = appointmentMessage({
    name: row.patientName,
    subject: `Reminder: ${row.doctorName}, ${when}`,
    headline: `This is a reminder of your appointment with ${row.doctorName}.`,
    when: `${when} (${row.patientTimezone.replace(/_/g, ' ')})`,
    details: [`Type: ${CONSULTATION_LABELS[row.type]}`, howToJoin(ctx, row), `To cancel or move it, open the appointment page: ${emailLinks.appointment(ctx, row.id)}`],
    link: emailLinks.appointment(ctx, row.id),
  })
  return {
    ...noticeTo(ctx, row, 'patient', 'reminder', { to: row.patientEmail, ...content }, `reminder: ${row.doctorName}, ${when} (${row.patientTimezone}).`),
    title: `Reminder: ${row.doctorName}, ${when}`,
  }
}

/** A request its doctor did not answer in time, declined by the system: the patient is offered other times. */
export function expiredNotices(ctx: RequestContext, row: Row, alternatives: Date[]): Notice[] {
  const times = alternatives.map((t) => `- ${formatDateTime(t, row.patientTimezone)}`)
  const toPatient = message(ctx, row, 'patient', `Appointment request declined: ${row.doctorName}`, `${row.doctorName} could not answer your request in time, so it was declined.`, [
    ...(times.length ? [`${row.doctorName}'s nearest free times:`, ...times] : [`${row.doctorName} has no other free times in the next two weeks.`]),
    rebookLine(ctx, row),
  ])
  const toDoctor = message(ctx, row, 'doctor', `Request expired: ${row.patientName}`, `The request of ${row.patientName} was not answered in time, so MediConnect declined it and the time is free again.`)
  return [
    noticeTo(ctx, row, 'patient', 'appointment_changed', toPatient, `your request to ${row.doctorName} for ${formatDateTime(row.startAt, row.patientTimezone)} expired unanswered.`),
    noticeTo(ctx, row, 'doctor', 'appointment_changed', toDoctor),
  ]
}

/** A visit the system recorded as missed (the doctor joined the call, the patient never did). */
export function noShowNotices(ctx: RequestContext, row: Row): Notice[] {
  return (['patient', 'doctor'] as const).map((party) =>
    noticeTo(ctx, row, party, 'appointment_changed', message(ctx, row, party, `${SUBJECTS.no_show}: ${partyOf(row, party).other}`, `${HEADLINES.no_show('MediConnect')} The doctor joined the call and the patient did not.`)),
  )
}

/** A held time whose payment did not come in time: released (the doctor never heard of it). */
export function holdExpiredNotices(ctx: RequestContext, row: Row): Notice[] {
  const toPatient = message(ctx, row, 'patient', `Held time released: ${row.doctorName}`, `You did not finish paying in time, so the time we held with ${row.doctorName} is free again. Nothing was charged.`, [rebookLine(ctx, row)])
  return [noticeTo(ctx, row, 'patient', 'appointment_changed', toPatient)]
}

/**
 * A payment that came in after its hold expired and the time was taken: refunded in full, and
 * the patient is offered the doctor's nearest free times.
 */
export function latePaymentRefundedNotices(ctx: RequestContext, row: Row, alternatives: Date[]): Notice[] {
  const times = alternatives.map((t) => `- ${formatDateTime(t, row.patientTimezone)}`)
  const toPatient = message(ctx, row, 'patient', `Payment refunded: ${row.doctorName}`, `Your payment arrived after the time we held for you was released and someone else booked it, so we refunded it in full.`, [
    ...(times.length ? [`${row.doctorName}'s nearest free times:`, ...times] : [`${row.doctorName} has no other free times in the next two weeks.`]),
    rebookLine(ctx, row),
  ])
  return [noticeTo(ctx, row, 'patient', 'appointment_changed', toPatient)]
}
