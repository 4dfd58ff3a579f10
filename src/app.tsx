import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './env'
import { handleError, handleNotFound } from './error-handler'
import { appointmentsApi } from './features/appointments/api'
import { authApi } from './features/auth/api'
import { availabilityApi } from './features/availability/api'
import { doctorsApi } from './features/doctors/api'
import { doctorRoutes } from './features/doctors/routes'
import { bookingRoutes } from './features/appointments/book-routes'
import { appointmentRoutes } from './features/appointments/routes'
import { practiceRoutes } from './features/practice/routes'
import { doctorVerificationRoutes } from './features/doctor-verification/routes'
import { doctorVerificationApi } from './features/doctor-verification/api'
import { practiceApi } from './features/practice/api'
import { authRoutes } from './features/auth/routes'
import { securityRoutes } from './features/auth/security-routes'
import { healthApi } from './features/health/api'
import { devOutboxRoutes } from './features/mail/dev-outbox-routes'
import { designRoutes } from './features/design/routes'
import { homeRoutes } from './features/home/routes'
import { specialtiesApi } from './features/specialties/api'
import { chatApi } from './features/chat/api'
import { chatRoutes } from './features/chat/routes'
import { callsApi } from './features/calls/api'
import { callRoutes } from './features/calls/routes'
import { patientProfileApi } from './features/patient-profile/api'
import { patientProfileRoutes } from './features/patient-profile/routes'
import { documentsApi } from './features/documents/api'
import { documentRoutes } from './features/documents/routes'
import { visitNotesApi } from './features/visit-notes/api'
import { visitNoteRoutes } from './features/visit-notes/routes'
import { prescriptionsApi } from './features/prescriptions/api'
import { prescriptionRoutes } from './features/prescriptions/routes'
import { recordsApi } from './features/records/api'
import { notificationsApi } from './features/notifications/api'
import { notificationRoutes } from './features/notifications/routes'
import { userAdminApi } from './features/user-admin/api'
import { auditLogApi } from './features/audit-log/api'
import { auditLogRoutes } from './features/audit-log/routes'
import { adminDashboardRoutes } from './features/admin-dashboard/routes'
import { adminDashboardApi } from './features/admin-dashboard/api'
import { adminAppointmentRoutes } from './features/appointments/admin-routes'
import { settingsAdminApi } from './features/settings-admin/api'
import { settingsAdminRoutes } from './features/settings-admin/routes'
import { specialtyRoutes } from './features/specialties/routes'
import { userAdminRoutes } from './features/user-admin/routes'
import { recordRoutes } from './features/records/routes'
import { clinicsApi } from './features/clinics/api'
import { paymentsApi } from './features/payments/api'
import { paymentRoutes } from './features/payments/routes'
import { stripeApi } from './features/stripe/api'
import { stripeRoutes } from './features/stripe/routes'
import { payoutsApi } from './features/payouts/api'
import { payoutRoutes } from './features/payouts/routes'
import { plansApi } from './features/plans/api'
import { planRoutes } from './features/plans/routes'
import { supportTicketsApi } from './features/support-tickets/api'
import { supportTicketRoutes } from './features/support-tickets/routes'
import { reportsApi } from './features/reports/api'
import { reportRoutes } from './features/reports/routes'
import { doctorAdminApi } from './features/doctor-admin/api'
import { doctorAdminRoutes } from './features/doctor-admin/routes'
import { clinicRoutes } from './features/clinics/routes'
import { waitlistApi } from './features/waitlist/api'
import { reviewsApi } from './features/reviews/api'
import { intakeApi } from './features/intake/api'
import { consultationRequestsApi } from './features/consultation-requests/api'
import { seriesApi } from './features/series/api'
import { seriesRoutes } from './features/series/routes'
import { consultationRequestRoutes } from './features/consultation-requests/routes'
import { intakeRoutes } from './features/intake/routes'
import { reviewRoutes } from './features/reviews/routes'
import { waitlistRoutes } from './features/waitlist/routes'
import { PayloadTooLargeError } from './lib/errors'
import { MAX_UPLOAD_REQUEST_BYTES } from './features/documents/schemas'
import { accessControl } from './middleware/access-control'
import { accessLog } from './middleware/access-log'
import { cachePolicy } from './middleware/cache-policy'
import { csrf } from './middleware/csrf'
import { database } from './middleware/database'
import { requestId } from './middleware/request-id'
import { securityHeaders } from './middleware/security-headers'
import { session } from './middleware/session'

// Bodies (JSON and forms) larger than this are refused before they are read. Uploads (a
// document, a doctor's application file, a ticket's attachment: 10 MB and its multipart framing)
// get their own limit.
const BODY_LIMIT_BYTES = 1024 * 1024
const UPLOAD_PATH = /^(\/api\/v1)?\/((patient|record|appointments\/[^/]+|doctor-application)\/documents|support\/tickets)$/

export const app = new Hono<AppEnv>()

const tooLarge = () => {
  throw new PayloadTooLargeError()
}
const formLimit = bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: tooLarge })
const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_REQUEST_BYTES, onError: () => {
  throw new PayloadTooLargeError('Files can be at most 10 MB.')
} })

app.use('*', requestId, accessLog, securityHeaders)
app.use('*', (c, next) => (c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path) ? uploadLimit(c, next) : formLimit(c, next)))
// CSRF first (it needs no database), then who is asking, then whether they may: every route is
// closed to anonymous callers unless it is on the public list in access-control.ts.
app.use('*', csrf, database, session, cachePolicy, accessControl)

const api = new Hono<AppEnv>()
api.route('/', healthApi)
api.route('/', authApi)
api.route('/', specialtiesApi)
api.route('/', availabilityApi)
api.route('/', doctorsApi)
api.route('/', appointmentsApi)
api.route('/', practiceApi)
api.route('/', doctorVerificationApi)
api.route('/', chatApi)
api.route('/', callsApi)
api.route('/', patientProfileApi)
api.route('/', documentsApi)
api.route('/', visitNotesApi)
api.route('/', prescriptionsApi)
api.route('/', recordsApi)
api.route('/', notificationsApi)
api.route('/', userAdminApi)
api.route('/', auditLogApi)
api.route('/', adminDashboardApi)
api.route('/', settingsAdminApi)
api.route('/', clinicsApi)
api.route('/', paymentsApi)
api.route('/', stripeApi)
api.route('/', payoutsApi)
api.route('/', plansApi)
api.route('/', supportTicketsApi)
api.route('/', reportsApi)
api.route('/', doctorAdminApi)
api.route('/', waitlistApi)
api.route('/', reviewsApi)
api.route('/', intakeApi)
api.route('/', consultationRequestsApi)
api.route('/', seriesApi)
app.route('/api/v1', api)

app.route('/', homeRoutes)
app.route('/', authRoutes)
app.route('/', securityRoutes)
app.route('/', devOutboxRoutes)
app.route('/', designRoutes)
app.route('/', doctorRoutes)
app.route('/', bookingRoutes)
app.route('/', appointmentRoutes)
app.route('/', practiceRoutes)
app.route('/', doctorVerificationRoutes)
app.route('/', chatRoutes)
app.route('/', callRoutes)
app.route('/', patientProfileRoutes)
app.route('/', documentRoutes)
app.route('/', visitNoteRoutes)
app.route('/', prescriptionRoutes)
app.route('/', recordRoutes)
app.route('/', notificationRoutes)
app.route('/', userAdminRoutes)
app.route('/', auditLogRoutes)
app.route('/', adminDashboardRoutes)
app.route('/', adminAppointmentRoutes)
app.route('/', settingsAdminRoutes)
app.route('/', specialtyRoutes)
app.route('/', clinicRoutes)
app.route('/', paymentRoutes)
app.route('/', stripeRoutes)
app.route('/', payoutRoutes)
app.route('/', planRoutes)
app.route('/', supportTicketRoutes)
app.route('/', reportRoutes)
app.route('/', doctorAdminRoutes)
app.route('/', waitlistRoutes)
app.route('/', reviewRoutes)
app.route('/', intakeRoutes)
app.route('/', consultationRequestRoutes)
app.route('/', seriesRoutes)

app.notFound(handleNotFound)
app.onError(handleError)
