// What `npm run bench` measures. Later features add their pages and endpoints here.
export type BenchTarget = {
  name: string
  // A path, or one built from demo data looked up at the start of the run.
  path: string | ((demo: DemoIds) => string)
  // Expected status; a target answering anything else fails the run.
  status?: number
  // Measured signed in as this demo account (its session cookie on every request).
  as?: 'patient' | 'doctor' | 'admin'
}

// Demo records some targets need: a bookable doctor and one of their free slots, the demo patient
// and their prescription.
export type DemoIds = { doctorId: string; slotStart: string; patientId: string; prescriptionId: string; heldAppointmentId: string; paymentId: string; intakeAppointmentId: string }

// The trivial route every throughput figure is divided by (no database, tiny JSON).
export const BASELINE: BenchTarget = { name: 'baseline: liveness', path: '/api/v1/health/live' }

export const TARGETS: BenchTarget[] = [
  { name: 'page: home', path: '/' },
  { name: 'page: not found', path: '/no-such-page', status: 404 },
  { name: 'api: health', path: '/api/v1/health' },
  { name: 'page: sign in', path: '/login' },
  { name: 'page: register', path: '/register' },
  { name: 'page: apply as doctor', path: '/register/doctor' },
  { name: 'page: account (patient)', path: '/account', as: 'patient' },
  { name: 'page: security (patient)', path: '/account/security', as: 'patient' },
  { name: 'api: me (patient)', path: '/api/v1/auth/me', as: 'patient' },
  { name: 'page: find a doctor', path: '/doctors' },
  { name: 'page: search by specialty', path: '/doctors?specialty=cardiology&sort=soonest' },
  { name: 'page: doctor and slots', path: (d) => `/doctors/${d.doctorId}` },
  { name: 'page: confirm booking', path: (d) => `/doctors/${d.doctorId}/book?start=${d.slotStart}`, as: 'patient' },
  { name: 'page: appointments (patient)', path: '/appointments', as: 'patient' },
  { name: 'page: practice dashboard', path: '/doctor', as: 'doctor' },
  { name: 'page: earnings (doctor)', path: '/doctor/earnings', as: 'doctor' },
  { name: 'page: doctor calendar (week)', path: '/doctor/calendar', as: 'doctor' },
  { name: 'page: my record (patient)', path: '/record', as: 'patient' },
  { name: 'page: medical history', path: '/record/history', as: 'patient' },
  { name: 'page: documents', path: '/record/documents', as: 'patient' },
  { name: 'page: visits and prescriptions', path: '/record/visits', as: 'patient' },
  { name: 'page: prescription (print)', path: (d) => `/prescriptions/${d.prescriptionId}/print`, as: 'patient' },
  { name: 'page: who saw my record', path: '/record/access', as: 'patient' },
  { name: 'page: my patients (doctor)', path: '/doctor/patients', as: 'doctor' },
  { name: 'page: a patient’s record (doctor)', path: (d) => `/doctor/patients/${d.patientId}`, as: 'doctor' },
  { name: 'api: a patient’s record (doctor)', path: (d) => `/api/v1/doctor/patients/${d.patientId}`, as: 'doctor' },
  { name: 'api: search doctors', path: '/api/v1/doctors?sort=soonest' },
  { name: 'api: free slots (7 days)', path: (d) => `/api/v1/doctors/${d.doctorId}/slots` },
  { name: 'page: notifications', path: '/notifications', as: 'patient' },
  { name: 'api: notifications', path: '/api/v1/notifications', as: 'patient' },
  { name: 'fragment: header bell', path: '/notifications/bell', as: 'patient' },
  { name: 'page: notification settings', path: '/settings/notifications', as: 'patient' },
  { name: 'page: admin dashboard', path: '/admin', as: 'admin' },
  { name: 'page: admin users', path: '/admin/users', as: 'admin' },
  { name: 'page: admin users, by name', path: '/admin/users?sort=name&dir=asc&q=a', as: 'admin' },
  { name: 'api: admin users CSV', path: '/api/v1/admin/users.csv', as: 'admin' },
  { name: 'page: a user (admin)', path: (d) => `/admin/users/${d.patientId}`, as: 'admin' },
  { name: 'page: admin appointments', path: '/admin/appointments', as: 'admin' },
  { name: 'page: audit log', path: '/admin/audit', as: 'admin' },
  { name: 'page: settings', path: '/admin/settings', as: 'admin' },
  { name: 'page: admin doctors', path: '/admin/doctors?status=all', as: 'admin' },
  { name: 'page: a doctor (admin)', path: (d) => `/admin/doctors/${d.doctorId}`, as: 'admin' },
  { name: 'page: clinics', path: '/admin/clinics', as: 'admin' },
  { name: 'page: report, utilisation', path: '/admin/reports?report=utilisation', as: 'admin' },
  { name: 'page: report, outcomes', path: '/admin/reports?report=outcomes', as: 'admin' },
  { name: 'page: report, lead time', path: '/admin/reports?report=lead-time', as: 'admin' },
  { name: 'page: report, new patients', path: '/admin/reports?report=new-patients', as: 'admin' },
  { name: 'page: support tickets', path: '/admin/tickets', as: 'admin' },
  { name: 'page: admin payments', path: '/admin/payments', as: 'admin' },
  { name: 'page: report, revenue', path: '/admin/reports?report=revenue', as: 'admin' },
  { name: 'page: help (patient)', path: '/support', as: 'patient' },
  { name: 'page: your payments (patient)', path: '/payments', as: 'patient' },
  { name: 'api: payments (patient)', path: '/api/v1/payments', as: 'patient' },
  { name: 'page: pay for a visit (local checkout)', path: (d) => `/appointments/${d.heldAppointmentId}/pay`, as: 'patient' },
  { name: 'page: receipt', path: (d) => `/payments/${d.paymentId}/receipt`, as: 'patient' },
  { name: 'page: payouts (doctor)', path: '/doctor/payouts', as: 'doctor' },
  { name: 'page: plan and billing (doctor)', path: '/doctor/billing', as: 'doctor' },
  { name: 'page: plans (admin)', path: '/admin/plans', as: 'admin' },
  { name: 'page: a doctor’s reviews', path: (d) => `/doctors/${d.doctorId}/reviews` },
  { name: 'api: a doctor’s reviews', path: (d) => `/api/v1/doctors/${d.doctorId}/reviews` },
  { name: 'page: reviews (doctor)', path: '/doctor/reviews', as: 'doctor' },
  { name: 'page: review moderation (admin)', path: '/admin/reviews', as: 'admin' },
  { name: 'page: join a waitlist', path: (d) => `/doctors/${d.doctorId}/waitlist`, as: 'patient' },
  { name: 'page: your waitlists', path: '/waitlist', as: 'patient' },
  { name: 'page: ask for a consultation', path: (d) => `/doctors/${d.doctorId}/request`, as: 'patient' },
  { name: 'page: your consultation requests', path: '/requests', as: 'patient' },
  { name: 'page: consultation requests (doctor)', path: '/doctor/requests', as: 'doctor' },
  { name: 'page: questionnaire answers', path: (d) => `/appointments/${d.intakeAppointmentId}/intake`, as: 'patient' },
]
