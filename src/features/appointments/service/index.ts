// The appointments service: booking and every later change of an appointment, one verb a file.
export { bookAppointment } from './book'
export { appointmentCalendar, appointmentForPage, appointmentsPage, doctorAgenda, getAppointment, listAppointments, liveAppointmentsDuring } from './read'
export { rescheduleAppointment } from './reschedule'
export { transitionAppointment } from './transition'
export { loadForActor } from './access'
export { calendarFeed, newCalendarFeed, removeCalendarFeed } from './calendar-feed'
export { proposeFollowUp } from './follow-up'
