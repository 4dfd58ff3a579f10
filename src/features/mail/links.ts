import type { RequestContext } from '../../core/context'
import { appLink } from '../../core/mail/send'

type LinkContext = Pick<RequestContext, 'env'>

// Where each email's link goes, in one place: services say what a message is about, not which
// page shows it.
export const emailLinks = {
  doctorHome: (ctx: LinkContext) => appLink(ctx, '/doctor'),
  ticket: (ctx: LinkContext, ticketId: string) => appLink(ctx, `/support/tickets/${ticketId}`),
  receipt: (ctx: LinkContext, paymentId: string) => appLink(ctx, `/payments/${paymentId}/receipt`),
  appointment: (ctx: LinkContext, appointmentId: string) => appLink(ctx, `/appointments/${appointmentId}`),
  // The doctor's page, with their free times: to book again.
  doctorTimes: (ctx: LinkContext, doctorId: string) => appLink(ctx, `/doctors/${doctorId}`),
  // A doctor's free times from a day on (a proposed follow-up).
  doctorTimesFrom: (ctx: LinkContext, doctorId: string, day: string) => appLink(ctx, `/doctors/${doctorId}?from=${day}`),
  // A patient's consultation requests, and the ones a doctor answers.
  myRequests: (ctx: LinkContext) => appLink(ctx, '/requests'),
  requestInbox: (ctx: LinkContext) => appLink(ctx, '/doctor/requests'),
  series: (ctx: LinkContext, seriesId: string) => appLink(ctx, `/series/${seriesId}`),
  // An offer's one-tap link: it books the held time.
  offer: (ctx: LinkContext, token: string) => appLink(ctx, `/offers/${token}`),
  prescription: (ctx: LinkContext, prescriptionId: string) => appLink(ctx, `/prescriptions/${prescriptionId}`),
  verifyEmail: (ctx: LinkContext, token: string) => appLink(ctx, `/verify-email?token=${token}`),
  resetPassword: (ctx: LinkContext, token: string) => appLink(ctx, `/reset-password?token=${token}`),
  // An admin-created doctor chooses their first password through the reset page, in other words.
  invitation: (ctx: LinkContext, token: string) => appLink(ctx, `/reset-password?invited=1&token=${token}`),
}
