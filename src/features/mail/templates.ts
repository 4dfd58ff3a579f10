// Small text + HTML emails. Every interpolated value is escaped in the HTML part; no remote
// images or tracking; the text part says everything the HTML part says.
export type MailContent = { subject: string; text: string; html: string; tag: string }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

type Block = string | { link: string; label: string }

// A subject is one header line: line breaks and control characters become spaces, whatever the
// names and words put into it.
const oneLineSubject = (subject: string) => subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim()

function compose(tag: string, subject: string, greetingName: string, blocks: Block[]): MailContent {
  const text = [`Hello ${greetingName},`, '', ...blocks.map((b) => (typeof b === 'string' ? b : `${b.label}: ${b.link}`)), '', '— MediConnect'].join('\n')
  const body = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : `<p><a href="${escapeHtml(b.link)}" style="font-weight:bold">${escapeHtml(b.label)}</a></p><p style="font-size:13px;color:#4a5565">${escapeHtml(b.link)}</p>`,
    )
    .join('')
  const html = `<!DOCTYPE html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a2330"><p>Hello ${escapeHtml(greetingName)},</p>${body}<p>— MediConnect</p></body></html>`
  return { subject: oneLineSubject(subject), text, html, tag }
}

export function verifyEmailMessage({ name, link }: { name: string; link: string }) {
  return compose('verify-email', 'Confirm your email address for MediConnect', name, [
    'Please confirm that this is your email address. The link works once, for 48 hours.',
    { link, label: 'Confirm my email address' },
    'If you did not create a MediConnect account, you can ignore this email.',
  ])
}

export function passwordResetMessage({ name, link, expiresInMinutes }: { name: string; link: string; expiresInMinutes: number }) {
  return compose('password-reset', 'Reset your MediConnect password', name, [
    `Someone asked to reset the password of your MediConnect account. The link works once, for ${expiresInMinutes} minutes.`,
    { link, label: 'Choose a new password' },
    'If it was not you, ignore this email: your password stays as it is.',
  ])
}

export function newSignInMessage({ name, when, device, ip }: { name: string; when: string; device: string; ip: string }) {
  return compose('new-sign-in', 'New sign-in to your MediConnect account', name, [
    `Your account was signed in to at ${when} from ${device} (${ip}).`,
    'If this was you, there is nothing to do. If not, reset your password now and sign out other devices from your account’s security page.',
  ])
}

export function passkeyAddedMessage({ name, passkeyName, when }: { name: string; passkeyName: string; when: string }) {
  return compose('passkey-added', 'A passkey was added to your MediConnect account', name, [
    `The passkey “${passkeyName}” was added to your account at ${when}.`,
    'If you did not add it, remove it from your account’s security page and reset your password.',
  ])
}

export function doctorApprovedMessage({ name, link }: { name: string; link: string }) {
  return compose('doctor-approved', 'Your MediConnect doctor account is verified', name, [
    'We checked your application and verified your doctor account. Patients can find and book you once your availability is set.',
    { link, label: 'Set up your practice' },
  ])
}

export function doctorInvitedMessage({ name, link, expiresInDays }: { name: string; link: string; expiresInDays: number }) {
  return compose('doctor-invited', 'Your MediConnect doctor account is ready', name, [
    'A MediConnect administrator has opened a verified doctor account for you. Choose a password to sign in, then set your availability so patients can book you.',
    { link, label: 'Choose your password' },
    `The link works once, for ${expiresInDays} days. If it has expired, use "Forgot your password?" on the sign-in page.`,
  ])
}

export function doctorRejectedMessage({ name, reason }: { name: string; reason: string }) {
  return compose('doctor-rejected', 'Your MediConnect doctor application', name, [
    'We could not verify your doctor application.',
    `Reason: ${reason}`,
    'If something was missing or wrong, reply to this email and we will look at it again.',
  ])
}

// Any news about an appointment: what happened, when it is, and where to see it.
export function appointmentMessage({ name, subject, headline, when, details, link }: { name: string; subject: string; headline: string; when: string; details: string[]; link: string }) {
  return compose('appointment', subject, name, [headline, `When: ${when}`, ...details, { link, label: 'See the appointment' }])
}

// No drug names in an email: mailboxes are not the place for medical details. The link is.
export function prescriptionIssuedMessage({ name, doctorName, link, corrected }: { name: string; doctorName: string; link: string; corrected: boolean }) {
  return compose('prescription', corrected ? `${doctorName} corrected your prescription` : `Your prescription from ${doctorName} is ready`, name, [
    corrected ? `${doctorName} issued a corrected prescription; it replaces the earlier one.` : `${doctorName} issued a prescription for you after your visit.`,
    { link, label: 'See and print your prescription' },
  ])
}

export function emailChangeLinkMessage({ name, link, expiresInHours }: { name: string; link: string; expiresInHours: number }) {
  return compose('email-change', 'Confirm your new MediConnect address', name, [
    `You asked to use this address for your MediConnect account. Open the link within ${expiresInHours} hours to confirm it; until then your old address stays in use.`,
    { link, label: 'Use this address' },
    'If it was not you, ignore this email: nothing changes.',
  ])
}

export function emailChangeNoticeMessage({ name, newEmail }: { name: string; newEmail: string }) {
  return compose('email-change-notice', 'Your MediConnect address is being changed', name, [
    `Someone signed in to your account asked to change its email address to ${newEmail}. It changes only when that address confirms it.`,
    'If it was not you, reset your password now and sign out other devices from your account’s security page.',
  ])
}

export function passwordChangedMessage({ name }: { name: string }) {
  return compose('password-changed', 'Your MediConnect password was changed', name, [
    'The password of your account was changed, and every other device was signed out.',
    'If it was not you, reset your password now from the sign-in page.',
  ])
}

// Who wrote, never what: a message's words stay on the page.
export function waitingMessagesMessage({ name, senders, link }: { name: string; senders: string; link: string }) {
  return compose('messages-waiting', `New messages from ${senders}`, name, [`${senders} sent you messages on MediConnect that you have not read yet.`, { link, label: 'Read them' }])
}

export function adminInvitedMessage({ name, role, link, expiresInDays }: { name: string; role: string; link: string; expiresInDays: number }) {
  return compose('admin-invited', 'You are invited to administer MediConnect', name, [
    `A MediConnect super admin has opened an administrator account (${role}) for you. Choose a password to sign in.`,
    { link, label: 'Choose your password' },
    `The link works once, for ${expiresInDays} days. If you did not expect this, ignore this email.`,
  ])
}

export function secondFactorResetMessage({ name }: { name: string }) {
  return compose('second-factor-reset', 'The second step of your MediConnect sign-in was removed', name, [
    'A MediConnect administrator removed the authenticator app and recovery codes from your account, as you asked. You now sign in with your password (or a passkey) alone.',
    'Set up a new authenticator app from your account’s security page.',
    'If you did not ask for this, reset your password now and contact us.',
  ])
}

export function doctorSuspendedMessage({ name, reason }: { name: string; reason: string }) {
  return compose('doctor-suspended', 'Your MediConnect profile is suspended', name, [
    'An administrator suspended your doctor profile: patients cannot find or book you until it is reinstated.',
    `Reason: ${reason}`,
    'If you think this is a mistake, reply to this email.',
  ])
}

export function doctorReinstatedMessage({ name, link }: { name: string; link: string }) {
  return compose('doctor-reinstated', 'Your MediConnect profile is active again', name, ['Patients can find and book you again.', { link, label: 'Open your practice' }])
}

// A support answer: the subject of the ticket and a link, never the conversation itself.
export function ticketAnsweredMessage({ name, subject, link }: { name: string; subject: string; link: string }) {
  return compose('ticket-answered', `Support answered: ${subject}`, name, ['Our support team replied to your ticket.', { link, label: 'Read the answer' }])
}

// A receipt's link, never its contents: the page is behind the patient's sign-in.
export function receiptMessage({ name, doctorName, link }: { name: string; doctorName: string; link: string }) {
  return compose('receipt', `Your receipt for the visit with ${doctorName}`, name, ['Thank you for your payment. Your receipt is ready to view, print or save as a PDF.', { link, label: 'See your receipt' }])
}

// A freed slot held for a waiting patient: one tap books it.
export function offerMessage({ name, doctorName, when, minutes, link }: { name: string; doctorName: string; when: string; minutes: number; link: string }) {
  return compose('waitlist-offer', `A time with ${doctorName} is free for you`, name, [
    `A time you were waiting for is free: ${when} with ${doctorName}. It is held for you for ${minutes} minutes.`,
    { link, label: 'Book this time' },
    'One tap books it. If it does not suit you, do nothing: it passes to the next patient waiting, and you stay on the waitlist for other times.',
  ])
}

// A follow-up the doctor proposed: the link opens their free times around the day.
export function followUpMessage({ name, doctorName, around, link }: { name: string; doctorName: string; around: string; link: string }) {
  return compose('follow-up', `${doctorName} suggests a follow-up visit`, name, [
    `${doctorName} would like to see you again around ${around}.`,
    { link, label: 'Choose a time' },
  ])
}

// A consultation asked for without a slot: the doctor is told there is one to answer (no details).
export function consultationRequestMessage({ name, patientName, link }: { name: string; patientName: string; link: string }) {
  return compose('consultation-request', `${patientName} asks for a consultation`, name, [`${patientName} described a problem and when suits them. Please propose a time or decline.`, { link, label: 'See the request' }])
}

// The doctor's answer to a consultation request: a time held for the patient to confirm, or a no.
export function requestAnsweredMessage({ name, doctorName, when, link }: { name: string; doctorName: string; when?: string; link: string }) {
  return when
    ? compose('consultation-proposal', `${doctorName} proposes a time for your consultation`, name, [`${doctorName} proposes ${when}. The time is held for you until you confirm it.`, { link, label: 'Confirm or decline' }])
    : compose('consultation-declined', `${doctorName} cannot take your consultation request`, name, [`${doctorName} cannot take your request. The reason is on the page.`, { link, label: 'See your requests' }])
}

// A series of visits the doctor booked for the patient: each time, and what could not be booked.
export function seriesBookedMessage({ name, doctorName, times, skipped, link }: { name: string; doctorName: string; times: string[]; skipped: number; link: string }) {
  return compose('series-booked', `${doctorName} booked ${times.length} visits for you`, name, [
    `${doctorName} booked these visits for you: ${times.join('; ')}.`,
    ...(skipped ? [`${skipped} of the times asked for could not be booked; ${doctorName} will arrange them with you.`] : []),
    { link, label: 'See the series' },
  ])
}
