import type { PrescriptionRow } from './queries'
import type { Prescription } from './service'
import { describeWarning, type AllergyWarning } from './allergy-check'

export const toApiWarning = (w: AllergyWarning) => ({ drug: w.drug, allergy: w.allergy, kind: w.kind, drug_class: w.drugClass ?? null, message: describeWarning(w) })

export function toApiPrescriptionSummary(row: Omit<PrescriptionRow, 'allergyOverride'>) {
  return {
    id: row.id,
    status: row.status,
    appointment_id: row.appointmentId,
    patient: { id: row.patientId, name: row.patientName, date_of_birth: row.patientDateOfBirth },
    doctor: { id: row.doctorId, name: row.doctorName, license_number: row.licenseNumber },
    issued_at: row.issuedAt ? row.issuedAt.toISOString() : null,
    supersedes_id: row.supersedesId,
    superseded_by_id: row.supersededById,
    item_count: row.itemCount,
  }
}
export type ApiPrescriptionSummary = ReturnType<typeof toApiPrescriptionSummary>

export function toApiPrescription(p: Prescription) {
  const { item_count: _count, ...summary } = toApiPrescriptionSummary(p)
  return { ...summary, items: p.items, allergy_override: p.allergyOverride ? { reason: p.allergyOverride.reason, warnings: p.allergyOverride.warnings.map(toApiWarning) } : null }
}
export type ApiPrescription = ReturnType<typeof toApiPrescription>
