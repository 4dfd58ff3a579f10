import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { tokenFor } from '../../helpers/auth'

export const AMOXICILLIN = {
  drug: 'Amoxicillin',
  strength: '500 mg',
  dose: '1 capsule',
  route: 'oral',
  frequency: 'three times a day',
  duration: '7 days',
  quantity: 21,
  refills: 0,
  instructions: 'Take with food',
}

// A visit between a doctor and a patient, with tokens for both.
export async function prescribingVisit(status: 'confirmed' | 'completed' | 'pending' | 'cancelled' = 'completed') {
  const { doctor, user: doctorUser } = await createDoctor({ licenseNumber: `LIC-${crypto.randomUUID().slice(0, 8)}` }, { name: 'Dr. Rx' })
  const patient = await createUser({ name: 'Paula Rx' })
  const appointment = await createAppointment(doctor.id, patient.id, { status })
  return { doctor, doctorUser, patient, appointment, doctorToken: await tokenFor(doctorUser), patientToken: await tokenFor(patient) }
}
