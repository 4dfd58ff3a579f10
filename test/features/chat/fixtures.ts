import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

export type Conversation = { id: string; kind: string; title: string; unread_count: number; last_seq: number; appointment: { id: string } | null }

// A patient and a doctor who share an appointment, with its conversation open.
export async function chatPair() {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Chat' })
  const patient = await createUser({ name: 'Pat Chat' })
  const appointment = await createAppointment(doctor.id, patient.id)
  const patientToken = await tokenFor(patient)
  const doctorToken = await tokenFor(doctorUser)
  const res = await callApi(patientToken, '/api/v1/conversations', 'POST', { appointment_id: appointment.id })
  const { conversation } = (await res.json()) as { conversation: Conversation }
  return { patient, doctorUser, appointment, patientToken, doctorToken, conversation, openStatus: res.status }
}

